package org.cxrbench.run;

import org.cxrbench.pipeline.RunContext;
import org.cxrbench.privacy.PrivacyJob;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.data.Manifest;
import org.cxrbench.pipeline.config.ConfigReader;
import org.cxrbench.pipeline.config.RunConfig;

/**
 * The whole job on the embedded phantom world, as one config run ({@link ConfigRun} of the embedded
 * {@code configs/demo.yaml}): a real training set and a patient-disjoint holdout, several simulated generators
 * prompted with the training labels, all written as PNG + manifest and read back like real data, encoded, and scored
 * for fidelity and privacy against the training set beside the real-vs-real noise floor.
 */
public final class DemoJob {
    private DemoJob() {}

    static byte[][] labels(Manifest m) {
        byte[][] out = new byte[m.size()][];
        for (int i = 0; i < m.size(); i++) {
            out[i] = m.get(i).labels().toArray();
        }
        return out;
    }

    public record Request(Path out, int patients, int size, long seed, String encoder, String command, int threads,
                          org.cxrbench.encode.FeatureCache cache) {}

    public static final List<String> GENERATORS = List.of("faithful", "blurry(1.5)", "noisy(0.12)", "low-contrast(0.4)",
            "mode-collapse(3)", "memorizer(0.3)", "label-ignorant", "off-topic(0.2)");

    /** The embedded demo config (the same text as configs/demo.yaml). */
    public static final String RESOURCE = "/org/cxrbench/pipeline/demo.yaml";

    /** The demo config's text, from the classpath (so ./cxrbench demo works from any folder). */
    public static String configText() {
        try (java.io.InputStream in = DemoJob.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo config " + RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The embedded demo config with the command's overrides: patients and size of both real sets, the seed (the
     * holdout cohort is drawn from seed + 1 with the training cohort's findings, {@code labels: train}, so the noise
     * floor has the generators' label mix; the training cohort and the generators from seed), the encoder.
     */
    public static RunConfig config(Request req) {
        String text = configText();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) ConfigReader.tree(text, "demo config");
        root.put("seed", req.seed());
        if (req.encoder() != null) {
            root.put("encoder", req.encoder());
        }
        for (String role : List.of("train", "holdout")) {
            com.fasterxml.jackson.databind.node.ObjectNode p = (com.fasterxml.jackson.databind.node.ObjectNode)
                    root.path("real").path(role).path("phantom");
            p.put("patients", req.patients());
            p.put("size", req.size());
            p.put("seed", role.equals("train") ? req.seed() : req.seed() + 1);
        }
        return ConfigReader.parse(root, Path.of("").toAbsolutePath(), "demo config (" + RESOURCE + ")",
                org.cxrbench.common.Hashing.ofString(root.toString()));
    }

    /** ./cxrbench demo: the embedded config run into req.out() (report.html, results.json, data/, .stages/). */
    public static Evaluation run(Request req, PrintStream log, PrintStream out) {
        return run(req, log, out, true);
    }

    /**
     * As {@link #run(Request, PrintStream, PrintStream)}; without {@code verbose} stderr gets one summary line per
     * phase of the stage graph, warnings and errors (StageSummaryLog), not every stage's bookkeeping.
     */
    public static Evaluation run(Request req, PrintStream log, PrintStream out, boolean verbose) {
        StageSummaryLog summary = verbose ? null : StageSummaryLog.over(log);
        PrintStream shown = summary == null ? log : summary;
        shown.printf("demo: phantom world, %d patients per real set (2 studies each), %d px, %d simulated generators%n",
                req.patients(), req.size(), GENERATORS.size());
        RunContext ctx = new RunContext(req.cache(), req.threads(), shown, out);
        try {
            return ConfigRun.run(config(req), req.out(), req.command(), ctx).evaluation();
        } finally {
            if (summary != null) {
                summary.finish();
            }
        }
    }

    /** The phantom world's real images for {@code demo --validate}: a cohort of 2 studies per patient, as a manifest. */
    public static Path writeValidateReal(Path folder, int patients, int size, long seed) {
        Manifest m = org.cxrbench.phantom.PhantomDatasets.writeStudies(org.cxrbench.phantom.World.cohort("real-", seed,
                patients, 2, size), size, folder, "real");
        Path file = folder.resolve("manifest.csv");
        m.write(file);
        return file;
    }
}
