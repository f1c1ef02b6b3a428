package org.cxrbench.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Progress;
import org.junit.jupiter.api.Test;

/** A run's workers: at most N threads for blocked tasks and parallel streams, the run's progress, errors unchanged. */
class WorkersTest {
    @Test
    void parallelStreamsOnARunStayOnItsThreads() {
        for (int n : new int[] {1, 2}) {
            Workers w = Workers.of(n, Progress.QUIET);
            Set<String> names = w.get(() -> {
                Set<String> seen = ConcurrentHashMap.newKeySet();
                IntStream.range(0, 2000).parallel().forEach(i -> {
                    seen.add(Thread.currentThread().getName());
                    busy(i);
                });
                return seen;
            });
            assertThat(names).hasSizeBetween(1, n).allMatch(s -> s.startsWith("cxrbench-worker-"));
            assertThat(w.threadsStarted()).isBetween(1, n);
        }
    }

    @Test
    void blockedTasksCoverEveryIndexOnceAndFailuresReachTheCaller() {
        Workers w = Workers.of(2, Progress.QUIET);
        int[] hits = new int[1000];
        w.get(() -> {
            w.forEach(hits.length, 7, i -> hits[i]++);
            return null;
        });
        assertThat(hits).containsOnly(1);
        assertThatThrownBy(() -> w.get(() -> {
            w.forEach(100, 3, i -> {
                if (i == 50) {
                    throw new BadInputException("row 50: bad");
                }
            });
            return null;
        })).isInstanceOf(BadInputException.class).hasMessage("row 50: bad");
    }

    @Test
    void aRunsThreadsSeeItsWorkersAndProgressAndOthersSeeSerial() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = Progress.to(new PrintStream(buf, true));
        Workers w = Workers.of(1, p);
        assertThat(w.get(Workers::current)).isSameAs(w);
        assertThat(w.get(Progress::current)).isSameAs(p);
        assertThat(Workers.current()).isSameAs(Workers.SERIAL);
        // a nested context asking for the same count shares the run's workers
        assertThat(w.get(() -> Workers.forThreads(1, Progress.QUIET))).isSameAs(w);
        assertThat(w.get(() -> Workers.forThreads(2, Progress.QUIET))).isNotSameAs(w);
        assertThatThrownBy(() -> Workers.of(0, p)).isInstanceOf(BadInputException.class);
    }

    private static double busy(int i) {
        double s = 0;
        for (int k = 0; k < 2000; k++) {
            s += Math.sqrt(i + k);
        }
        return s;
    }
}
