package org.cxrbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** Progress lines: count, share, rate and ETA while running, a last line only after earlier ones, nothing when quiet. */
class ProgressTest {
    @Test
    void aMeterPrintsCountRateAndEtaThenDone() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = Progress.to(new PrintStream(buf, true));
        Progress.Meter m = new Progress.Meter(p, "k-NN 10 x 20", 10, "rows", 0);
        m.add(4);
        m.add(6);
        String[] lines = buf.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("k-NN 10 x 20: 4/10 rows (40%), ").contains(" rows/s, ").contains(", ETA ");
        assertThat(lines[1]).startsWith("k-NN 10 x 20: 10/10 rows done in ").endsWith(" rows/s)");
    }

    @Test
    void aShortStepIsSilentAndQuietPrintsNothing() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress.Meter shortStep = Progress.to(new PrintStream(buf, true)).meter("covariance", 3, "blocks");
        shortStep.add(3);
        assertThat(buf.size()).isZero();
        Progress.Meter quiet = new Progress.Meter(Progress.QUIET, "x", 2, "rows", 0);
        quiet.add(2);
        assertThat(Progress.QUIET.stream().checkError()).isFalse();
    }

    @Test
    void aTickingMeterSaysHowLongItHasRunUntilClosedAndAFinishedMeterStaysSilent() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress.Meter m = new Progress.Meter(Progress.to(new PrintStream(buf, true)), "fid covariance of 9 x 2", 9,
                "rows", 0);
        try (Progress.Ticking t = m.ticking()) {
            long until = System.nanoTime() + 10_000_000_000L;
            while (!buf.toString().contains("\n") && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        }
        assertThat(buf.toString().split("\n")[0]).matches("fid covariance of 9 x 2: 0/9 rows, [0-9.]+ s");
        m.add(9);
        assertThat(buf.toString()).contains("9/9 rows done in ");
        int after = buf.size();
        m.add(0); // a late tick after the end prints nothing more
        Thread.sleep(250);
        assertThat(buf.size()).isEqualTo(after);
    }

    @Test
    void outsideARunProgressGoesToStandardError() {
        assertThat(Progress.current()).isSameAs(Progress.STDERR);
        assertThat(Progress.out()).isSameAs(System.err);
    }
}
