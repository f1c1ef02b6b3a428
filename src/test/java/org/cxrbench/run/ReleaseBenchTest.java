package org.cxrbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Progress;
import org.cxrbench.linalg.Workers;
import org.junit.jupiter.api.Test;

/**
 * {@code bench --release}: every fidelity and privacy stage is timed on the scaled shapes and projected by its FLOP
 * ratio (checked against the shapes by hand, not against times: no timed assertions).
 */
class ReleaseBenchTest {
    @Test
    void everyStageIsTimedAndProjectedByItsFlopRatio() {
        ReleaseBench.Request req = new ReleaseBench.Request(0.001, 8, 3, 10, 1);
        List<ReleaseBench.Stage> stages = Workers.of(1, Progress.QUIET).get(() -> ReleaseBench.measure(req));
        assertThat(stages).extracting(ReleaseBench.Stage::name).hasSize(12)
                .contains("fid covariance, train", "fid trace (symmetric route)", "prdc radii, train (k=5)",
                        "privacy train -> train 2-NN (identifiability)",
                        "privacy holdout -> train 1-NN (memorised threshold)");
        int nt = (int) Math.round(230_000 * 0.001);
        int ns = (int) Math.round(75_649 * 0.001);
        assertThat(req.rows(230_000)).isEqualTo(nt);
        assertThat(req.rows(5_159)).isEqualTo(7); // at least k + 2 rows, so PRDC's k = 5 radii exist
        for (ReleaseBench.Stage s : stages) {
            assertThat(s.seconds()).as(s.name()).isPositive();
            assertThat(s.peakHeap()).as(s.name()).isPositive();
            assertThat(s.workingHeapFull()).as(s.name()).isGreaterThanOrEqualTo(0);
            double ratio = s.projected() / s.seconds();
            if (s.name().startsWith("fid covariance, train")) {
                assertThat(ratio).isCloseTo(230_000.0 / nt, org.assertj.core.data.Offset.offset(1e-9));
            } else if (s.name().startsWith("privacy train -> train")) {
                assertThat(ratio).isCloseTo(230_000.0 * 230_000 / ((double) nt * nt), org.assertj.core.data.Offset.offset(1e-6));
            } else if (s.name().startsWith("privacy synthetic -> train")) {
                assertThat(ratio).isCloseTo(75_649.0 * 230_000 / ((double) ns * nt), org.assertj.core.data.Offset.offset(1e-6));
            } else if (s.name().startsWith("fid trace")) {
                assertThat(ratio).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12)); // d only: timed at full size
            }
        }
        ReleaseBench.Stage knn = stages.get(7);
        // 2 n m d FLOPs at full size over a rate of 1e9 FLOP/s
        assertThat(knn.limit(new ReleaseBench.Rates(1e9, 1e12))).isCloseTo(2.0 * 75_649 * 230_000 * 8 / 1e9,
                org.assertj.core.data.Offset.offset(1e-6));
    }

    /** The working heap grows linearly in the rows: from half scale and scale to full size; noise never lowers it. */
    @Test
    void theWorkingHeapIsExtrapolatedLinearlyInTheRows() {
        // 100 MB at 1,000 rows, 60 MB at 500: 80 kB a row, so 100 MB + 80 kB x 229,000 at 230,000 rows
        assertThat(ReleaseBench.projectWorkingHeap(100_000_000, 60_000_000, 500, 1000, 230_000))
                .isEqualTo(100_000_000L + 80_000L * 229_000);
        // less at scale than at half scale (GC noise): no growth, the measurement at scale
        assertThat(ReleaseBench.projectWorkingHeap(50_000_000, 70_000_000, 500, 1000, 230_000)).isEqualTo(50_000_000);
        assertThat(ReleaseBench.inputBytes(310_808, 2048)).isEqualTo(4L * 310_808 * 2048);
        assertThat(new ReleaseBench.Request(0.05, 2048, 100, 1000, 1).halfRows(230_000)).isEqualTo(5750);
    }

    @Test
    void aScaleOutsideZeroToOneIsBadInput() {
        assertThatThrownBy(() -> new ReleaseBench.Request(0, 2048, 100, 1000, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--scale 0.0");
        assertThatThrownBy(() -> new ReleaseBench.Request(1.5, 2048, 100, 1000, 1))
                .isInstanceOf(BadInputException.class);
    }
}
