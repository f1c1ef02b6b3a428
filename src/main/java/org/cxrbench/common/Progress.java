package org.cxrbench.common;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where long computations deep in the metric code report progress (stderr, or nothing with -q): the command line
 * sets the stream once, so metric code need not carry a log parameter through every call.
 */
public final class Progress {
    private Progress() {}

    private static volatile PrintStream out = System.err;

    public static void use(PrintStream stream) {
        out = stream;
    }

    public static PrintStream out() {
        return out;
    }

    /** A counter that prints "what: done/total, elapsed, ETA" at most every {@code everyMillis}, and once at the end. */
    public static final class Meter {
        private final String what;
        private final int total;
        private final long everyNanos;
        private final long start = System.nanoTime();
        private long last = start;
        private int done;

        public Meter(String what, int total, long everyMillis) {
            this.what = what;
            this.total = total;
            this.everyNanos = everyMillis * 1_000_000L;
        }

        /** Counts one finished unit (thread-safe). */
        public synchronized void step() {
            done++;
            long now = System.nanoTime();
            if (done == total || now - last >= everyNanos) {
                last = now;
                double s = (now - start) / 1e9;
                if (done == total) {
                    out.printf(Locale.ROOT, "%s: %d/%d done in %.1f s%n", what, done, total, s);
                } else {
                    out.printf(Locale.ROOT, "%s: %d/%d, %.1f s, ETA %.0f s%n", what, done, total, s,
                            s / done * (total - done));
                }
            }
        }
    }
}
