package org.cxrbench.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.fidelity.FidelityMetrics;
import org.cxrbench.fidelity.MetricValue;
import org.cxrbench.linalg.Blas;

/** ./cxrbench fidelity: load both sets, compute the requested metrics, write the contract's JSON. */
public final class FidelityJob {
    private FidelityJob() {}

    public record Request(Path real, Path synthetic, String encoder, FidelityMetrics.Options options, Path json,
                          String command, int threads) {}

    public record Outcome(Map<String, MetricValue> metrics, Map<String, Object> json) {}

    public static Outcome run(Request req, PrintStream log) {
        Blas.setThreads(req.threads());
        Inputs.Loaded real = Inputs.load(req.real(), "real", req.encoder(), req.threads(), log);
        Inputs.Loaded syn = Inputs.load(req.synthetic(), "synthetic", req.encoder(), req.threads(), log);
        long t0 = System.nanoTime();
        Map<String, MetricValue> metrics;
        try {
            metrics = FidelityMetrics.compute(real.features(), syn.features(), req.options());
        } catch (org.cxrbench.common.BadInputException e) {
            throw new org.cxrbench.common.BadInputException(req.real() + " vs " + req.synthetic() + ": " + e.getMessage(), e);
        }
        log.printf(Locale.ROOT, "fidelity: %d real x %d synthetic, d=%d, %.1f s%n", real.features().n(),
                syn.features().n(), real.features().d(), (System.nanoTime() - t0) / 1e9);
        FidelityMetrics.Options o = req.options();
        Provenance p = Provenance.builder(req.command()).threads(req.threads())
                .input("real", real.hash()).input("synthetic", syn.hash())
                .seed("seed", o.seed())
                .setting("encoder", real.encoder())
                .setting("k", o.k()).setting("kid_subsets", o.kidSubsets()).setting("kid_subset_size", o.kidSubsetSize())
                .setting("bootstrap", o.bootstrap())
                .setting("fid_route", o.fidRoute().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .setting("prdc_convention", o.prdcInclusive() ? "<=" : "<")
                .build();
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> mj = new LinkedHashMap<>();
        metrics.forEach((k, v) -> mj.put(k, v.toJson()));
        json.put("metrics", mj);
        json.put("provenance", p.toMap());
        if (req.json() != null) {
            Json.write(req.json(), json);
            log.println("wrote " + req.json());
        }
        for (Map.Entry<String, MetricValue> e : metrics.entrySet()) {
            MetricValue v = e.getValue();
            log.printf(Locale.ROOT, "  %-10s %.6g%s%n", e.getKey(), v.value(),
                    v.ci95() == null ? "" : String.format(Locale.ROOT, "  (95%% CI %.6g .. %.6g)", v.ci95()[0], v.ci95()[1]));
            Object w = v.details().get("warnings");
            if (w instanceof java.util.List<?> l) {
                for (Object x : l) {
                    log.println("  warning: " + x);
                }
            }
        }
        return new Outcome(metrics, json);
    }
}
