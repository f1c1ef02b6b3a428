package org.cxrbench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.linalg.Features;

/**
 * Test data. The golden reference cases travel with the project (src/test/resources/golden/golden.json, read from the
 * test classpath, so a fresh clone checks them); ../shared only adds the real NIH images, and the tests that need
 * those skip when it is absent.
 */
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

    /** The golden cases on the test classpath; made by make_refs.py beside it (see its README.md). */
    public static final String GOLDEN = "/golden/golden.json";

    private static JsonNode golden;

    public static synchronized JsonNode goldenCase(String name) {
        if (golden == null) {
            try {
                try (InputStream in = Shared.class.getResourceAsStream(GOLDEN)) {
                    if (in == null) {
                        throw new IllegalStateException(GOLDEN + " is missing from the test classpath (src/test/resources)");
                    }
                    golden = new ObjectMapper().readTree(in);
                }
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

    public static double[][] rows(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            m[i] = vector(rows.get(i));
        }
        return m;
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
