package org.cxrbench.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cxrbench.common.Evaluation;

/** The stages of the evaluation core, each a thin declaration around its job's request. */
public final class Stages {
    private Stages() {}

    static Map<String, Path> map(Object... kv) {
        Map<String, Path> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], (Path) kv[i + 1]);
            }
        }
        return m;
    }

    /** ./cxrbench fidelity as a stage. */
    public record Fidelity(FidelityJob.Request request) implements Stage<Evaluation> {
        @Override public String name() {
            return "fidelity";
        }

        @Override public Map<String, Path> inputs() {
            return map("real", request.real(), "synthetic", request.synthetic(), "holdout", request.holdout(),
                    "compare-with", request.compareWith(), "real-labels", request.realLabels(),
                    "synthetic-labels", request.syntheticLabels());
        }

        @Override public Map<String, Path> outputs() {
            return map("json", request.json(), "save-real-stats", request.saveRealStats());
        }

        @Override public Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>(request.options().params());
            s.put("metrics", request.metrics() == null ? "default" : String.join(",", request.metrics()));
            s.put("seed", request.options().seed());
            s.put("encoder", String.valueOf(request.encoder()));
            s.put("permutations", request.permutations());
            return s;
        }

        @Override public Evaluation run(RunContext ctx) {
            return FidelityJob.run(request, ctx);
        }
    }

    /** ./cxrbench privacy as a stage. */
    public record Privacy(PrivacyJob.Request request) implements Stage<Evaluation> {
        @Override public String name() {
            return "privacy";
        }

        @Override public Map<String, Path> inputs() {
            return map("train", request.train(), "synthetic", request.synthetic(), "holdout", request.holdout());
        }

        @Override public Map<String, Path> outputs() {
            return map("json", request.json(), "per-sample", request.perSample(), "contact-sheet", request.contactSheet());
        }

        @Override public Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("metrics", request.metrics() == null ? "default" : String.join(",", request.metrics()));
            s.put("memorization_quantile", request.options().memorizationQuantile());
            s.put("carlini_n", request.options().carliniN());
            s.put("reid_threshold", request.reidThreshold());
            s.put("reid_encoder", String.valueOf(request.reidEncoder()));
            s.put("seed", request.seed());
            s.put("encoder", String.valueOf(request.encoder()));
            return s;
        }

        @Override public Evaluation run(RunContext ctx) {
            return PrivacyJob.run(request, ctx);
        }
    }

    /** ./cxrbench encode as a stage. */
    public record Encode(EncodeJob.Request request) implements Stage<Void> {
        @Override public String name() {
            return "encode";
        }

        @Override public Map<String, Path> inputs() {
            return map("input", request.input());
        }

        @Override public Map<String, Path> outputs() {
            return map("out", request.out());
        }

        @Override public Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("encoder", String.valueOf(request.encoder()));
            return s;
        }

        @Override public Void run(RunContext ctx) {
            EncodeJob.run(request, ctx);
            return null;
        }
    }
}
