package org.cxrbench.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The generic stages (encode) and the helper the families' stage declarations use. */
public final class Stages {
    private Stages() {}

    public static Map<String, Path> map(Object... kv) {
        Map<String, Path> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], (Path) kv[i + 1]);
            }
        }
        return m;
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
