package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The slow coverage grid of issue 20.1 (not in the default suite: the class name does not end in Test). Run it with
 * <pre>mvn -B -o test -Dcxr.test.xmx=4g -Dtest=FidelityCoverageSimulation -Dcoverage.runs=400 -Dcoverage.threads=2</pre>
 * optionally {@code -Dcoverage.metrics=fid,kid,prdc,fid_inf -Dcoverage.n=150,600,5000 -Dcoverage.d=64,256} (prdc: precision,
 * recall, density and coverage from the same runs; kid_variants: KID's interval, the plain jackknife and the corrected
 * SE with 1.96, from the same runs; {@code -Dcoverage.dump=FILE} appends every run's values). It prints the
 * Markdown table of metrics/fid.md, kid.md, prdc.md and fid_inf.md and writes it to target/coverage.md; every cell must cover
 * in 93-97% of the runs. It also runs without Maven from the compiled test classes (its {@code main}), with the same
 * properties.
 */
class FidelityCoverageSimulation {
    static int[] ints(String prop, String def) {
        return java.util.Arrays.stream(System.getProperty(prop, def).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    public static void main(String[] args) throws IOException {
        new FidelityCoverageSimulation().coverageGrid();
    }

    @Test
    void coverageGrid() throws IOException {
        int runs = Integer.getInteger("coverage.runs", 400);
        int threads = Integer.getInteger("coverage.threads", 2);
        List<String> rows = new ArrayList<>();
        List<CoverageSimulation.Cell> cells = new ArrayList<>();
        for (String metric : System.getProperty("coverage.metrics", "fid,kid").split(",")) {
            for (int d : ints("coverage.d", "64,256")) {
                for (int n : ints("coverage.n", "150,600,5000")) {
                    long t0 = System.nanoTime();
                    for (CoverageSimulation.Cell c : CoverageSimulation.cells(metric, n, d, runs,
                            Integer.getInteger("coverage.groups", 20), 1000L * n + d, threads)) {
                        cells.add(c);
                        rows.add(c.row());
                        System.err.printf("%s  (%.0f s)%n", c.row(), (System.nanoTime() - t0) / 1e9);
                    }
                    Files.createDirectories(Path.of("target"));
                    Files.writeString(Path.of("target/coverage.md"), CoverageSimulation.HEADER + "\n"
                            + String.join("\n", rows) + "\n");
                }
            }
        }
        for (CoverageSimulation.Cell c : cells) {
            assertThat(c.coverage()).as(c.row()).isBetween(0.93, 0.97);
        }
    }
}
