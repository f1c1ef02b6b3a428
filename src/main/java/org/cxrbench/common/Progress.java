package org.cxrbench.common;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Where a run reports progress of its long steps (stderr, or nothing with -q): one instance per run, held by the
 * run context. Code deep in a kernel that is not handed the context finds its run's progress through the thread
 * that runs it ({@link #current}: a run's worker threads are {@link Source}s); outside a run it is {@link #STDERR}.
 * Progress lines go to this stream only, never to stdout.
 */
public final class Progress {
    /** Reports to the process's current standard error (read at each line, so a redirected System.err is honoured). */
    public static final Progress STDERR = new Progress(null);

    /** Reports nothing (-q, tests, nested runs). */
    public static final Progress QUIET = new Progress(new PrintStream(OutputStream.nullOutputStream()));

    /** Lines of a step are at most this often (ms) by default; a step shorter than this prints nothing. */
    public static final long EVERY_MILLIS = 2000;

    /**
     * The line interval of new meters, ms: {@link #EVERY_MILLIS} unless the system property
     * {@code cxrbench.progress.millis} says otherwise (tests set 0 to see every line of short steps).
     */
    public static long everyMillis() {
        return Long.getLong("cxrbench.progress.millis", EVERY_MILLIS);
    }

    /** One daemon thread for every meter's heartbeat ({@link Meter#ticking}). */
    private static final java.util.concurrent.ScheduledExecutorService TICKS =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cxrbench-progress");
                t.setDaemon(true);
                return t;
            });

    /** The heartbeat of a meter ({@link Meter#ticking}); closing it stops the lines. */
    public interface Ticking extends AutoCloseable {
        @Override
        void close();
    }

    /** A thread that belongs to a run and knows where the run's progress goes. */
    public interface Source {
        Progress progress();
    }

    private final PrintStream stream;

    private Progress(PrintStream stream) {
        this.stream = stream;
    }

    /** Progress to {@code stream}. */
    public static Progress to(PrintStream stream) {
        return new Progress(stream);
    }

    /** The progress of the run executing on this thread, or {@link #STDERR} outside a run. */
    public static Progress current() {
        return Thread.currentThread() instanceof Source s ? s.progress() : STDERR;
    }

    /** The current run's stream (see {@link #current}); for warnings from code that is not handed the context. */
    public static PrintStream out() {
        return current().stream();
    }

    public PrintStream stream() {
        return stream == null ? System.err : stream;
    }

    /** A meter over {@code total} units named {@code unit} ("rows", "resamples"), printing at most every 2 s. */
    public Meter meter(String what, long total, String unit) {
        return new Meter(this, what, total, unit, everyMillis());
    }

    /**
     * A counter of a long step that prints "what: done/total unit (p%), rate unit/s, elapsed, ETA" at most every
     * {@code everyMillis}, the first line only once the step has run that long, and a last "done" line only when an
     * earlier line was printed or the step ran that long (a short step stays silent). Thread-safe.
     */
    public static final class Meter {
        private final Progress progress;
        private final String what;
        private final long total;
        private final String unit;
        private final long everyNanos;
        private final long start = System.nanoTime();
        private long last = start;
        private long done;
        private boolean printed;
        private boolean finished;

        Meter(Progress progress, String what, long total, String unit, long everyMillis) {
            this.progress = progress;
            this.what = what;
            this.total = total;
            this.unit = unit;
            this.everyNanos = everyMillis * 1_000_000L;
        }

        /** A meter on the current run's progress (see {@link #current}) over {@code total} steps. */
        public Meter(String what, int total, long everyMillis) {
            this(current(), what, total, "", everyMillis);
        }

        /**
         * For a step whose units finish seldom (a set's covariance, one model fit): until closed, a line every
         * interval even when no unit finished, saying how long it has run (rate and ETA once a unit is done).
         */
        public Ticking ticking() {
            long period = Math.max(everyNanos, 100_000_000L);
            java.util.concurrent.ScheduledFuture<?> f = TICKS.scheduleAtFixedRate(() -> add(0), period, period,
                    java.util.concurrent.TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        }

        /** Counts one finished unit. */
        public void step() {
            add(1);
        }

        /** Counts {@code n} finished units. */
        public synchronized void add(long n) {
            if (finished) {
                return;
            }
            done += n;
            long now = System.nanoTime();
            boolean end = done >= total;
            finished = end;
            if (end ? printed || now - start >= everyNanos : now - last >= everyNanos) {
                last = now;
                printed = true;
                progress.stream().println(line(now, end));
            }
        }

        String line(long now, boolean end) {
            double s = (now - start) / 1e9;
            String u = unit.isEmpty() ? "" : " " + unit;
            if (end) {
                return String.format(Locale.ROOT, "%s: %d/%d%s done in %.1f s (%s%s/s)", what, done, total, u, s,
                        rate(done / Math.max(s, 1e-9)), u);
            }
            double rate = done / Math.max(s, 1e-9);
            if (done == 0) {
                return String.format(Locale.ROOT, "%s: 0/%d%s, %.1f s", what, total, u, s);
            }
            return String.format(Locale.ROOT, "%s: %d/%d%s (%.0f%%), %s%s/s, %.1f s, ETA %.0f s", what, done, total, u,
                    100.0 * done / Math.max(1, total), rate(rate), u, s, rate > 0 ? (total - done) / rate : 0.0);
        }

        private static String rate(double r) {
            return r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.3g", r);
        }
    }
}
