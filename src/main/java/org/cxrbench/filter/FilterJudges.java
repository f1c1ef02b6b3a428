package org.cxrbench.filter;

import org.cxrbench.pipeline.Inputs;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.Manifest;

/** Builds the judge a filter request names; its spec key (cheap) decides whether an output is up to date. */
final class FilterJudges {
    private FilterJudges() {}

    /**
     * @param specKey everything that changes the judge's verdicts, known before the judge is built
     * @param inputs  extra provenance inputs (role -> hash)
     * @param create  builds the judge (may be expensive: calibration, endpoint check)
     */
    record Built(String specKey, Map<String, String> inputs, Supplier<Judge> create) {}

    static Built spec(FilterJob.Request req, Manifest m, PrintStream log) {
        FilterJob.JudgeSettings s = req.settings();
        Map<String, String> inputs = new LinkedHashMap<>();
        switch (req.judge()) {
            case "labels-file" -> {
                String h = Hashing.ofFile(s.labels());
                inputs.put("labels", h);
                return new Built("labels-file;" + h, inputs, () -> LabelsFileJudge.read(s.labels(), m));
            }
            case "builtin" -> {
                Manifest real = Inputs.images(req.calibrate(), null, "--calibrate");
                inputs.put("calibrate", real.imagesHash());
                String fp = BuiltinJudge.fingerprint(real, s.falseRejection());
                return new Built(fp, inputs, () -> BuiltinJudge.calibrate(real, s.falseRejection(), req.threads(), log));
            }
            case "vlm" -> {
                VlmJudge v = new VlmJudge(s.endpoint(), s.model(), s.concurrency(), s.timeoutSeconds(), s.retries(), 500, s.vlm());
                return new Built(v.fingerprint(), inputs, () -> v);
            }
            case "onnx" -> {
                OnnxJudge o = new OnnxJudge(java.nio.file.Path.of(s.model()), s.preset(), s.labelMap());
                inputs.put("model", Hashing.ofFile(java.nio.file.Path.of(s.model())));
                inputs.put("label_map", Hashing.ofFile(s.labelMap()));
                return new Built(o.fingerprint(), inputs, () -> o);
            }
            default -> throw new IllegalStateException(req.judge());
        }
    }
}
