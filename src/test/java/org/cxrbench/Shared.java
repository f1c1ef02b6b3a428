package org.cxrbench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.linalg.Features;

/** Access to ../shared (golden references, NIH images). Tests that need it skip when it is absent. */
public final class Shared {
    private Shared() {}

    public static Path root() {
        String p = System.getProperty("cxrbench.shared", "../shared");
        return Path.of(p).toAbsolutePath().normalize();
    }

    public static Path require(String rel) {
        Path p = root().resolve(rel);
        assumeTrue(Files.exists(p), "../shared/" + rel + " is absent: skipped (a fresh clone has no ../shared)");
        return p;
    }

    private static JsonNode golden;

    public static synchronized JsonNode goldenCase(String name) {
        if (golden == null) {
            try {
                golden = new ObjectMapper().readTree(require("refs/golden.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (JsonNode c : golden.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no golden case " + name);
    }

    public static Features matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            m[i] = new double[r.size()];
            for (int j = 0; j < r.size(); j++) {
                m[i][j] = r.get(j).asDouble();
            }
        }
        return Features.of(m);
    }

    public static double[] vector(JsonNode v) {
        double[] out = new double[v.size()];
        for (int i = 0; i < v.size(); i++) {
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    /** |got - want| <= abs + rel * |want|, the golden file's rule. */
    public static boolean close(double got, double want, JsonNode tol) {
        return Math.abs(got - want) <= tol.get("abs").asDouble() + tol.get("rel").asDouble() * Math.abs(want);
    }
}
