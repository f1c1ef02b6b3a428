package org.cxrbench.run;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's stderr without its bookkeeping: one summary line per phase of the stage graph (data, filter, measure
 * = encode + fidelity + privacy + noise floor, utility, report) with its stage count, how many were computed or
 * reused from the stage cache, and its wall time; warnings, errors and the run's own first and last lines pass
 * through, everything else (per-stage lines, cache hits, progress) is left to {@code --verbose}. A line-buffered
 * {@link PrintStream} in front of the real log.
 */
public final class StageSummaryLog extends PrintStream {
    /** "stage KIND[NAME]: done in 1.2 s" or "stage KIND[NAME]: cached (FILE)". */
    static final Pattern STAGE = Pattern.compile("^stage ([a-z-]+)\\[.*\\]: (done in|cached)");

    private final PrintStream target;
    private final Lines lines;

    private StageSummaryLog(PrintStream target, Lines lines) {
        super(lines, true, StandardCharsets.UTF_8);
        this.target = target;
        this.lines = lines;
        lines.owner = this;
    }

    /** A summary log in front of {@code target}; {@link #finish()} prints the last phase's line. */
    public static StageSummaryLog over(PrintStream target) {
        return new StageSummaryLog(target, new Lines());
    }

    private String phase;
    private final Map<String, Integer> kinds = new LinkedHashMap<>();
    private int computed;
    private int cached;
    private long phaseStart = System.nanoTime();

    /** The phase a stage kind belongs to. */
    static String phaseOf(String kind) {
        return switch (kind) {
            case "data", "filter", "utility", "report" -> kind;
            default -> "measure";
        };
    }

    synchronized void line(String line) {
        Matcher m = STAGE.matcher(line);
        if (m.find()) {
            String p = phaseOf(m.group(1));
            if (phase != null && !p.equals(phase)) {
                summary();
            }
            phase = p;
            kinds.merge(m.group(1), 1, Integer::sum);
            if (m.group(2).equals("cached")) {
                cached++;
            } else {
                computed++;
            }
            return;
        }
        if (passes(line)) {
            if (line.startsWith("run:")) {
                summary();
            }
            target.println(line);
            target.flush();
        }
    }

    /** Lines shown without --verbose: warnings, errors, and the demo's and the run's own lines. */
    static boolean passes(String line) {
        String l = line.stripLeading().toLowerCase(java.util.Locale.ROOT);
        return l.startsWith("warning") || l.startsWith("error") || l.startsWith("demo:") || l.startsWith("run:")
                || l.isEmpty();
    }

    /** Prints the current phase's line (nothing when no stage has ended since the last). */
    synchronized void summary() {
        if (phase == null) {
            return;
        }
        int n = computed + cached;
        StringBuilder b = new StringBuilder(phase).append(": ").append(n).append(n == 1 ? " stage" : " stages");
        if (kinds.size() > 1) {
            b.append(" (");
            kinds.forEach((k, c) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ").append(k).append(' ').append(c));
            b.append(')');
        }
        b.append(String.format(java.util.Locale.ROOT, ", %d computed, %d reused, %.1f s", computed, cached,
                (System.nanoTime() - phaseStart) / 1e9));
        target.println(b);
        target.flush();
        phase = null;
        kinds.clear();
        computed = 0;
        cached = 0;
        phaseStart = System.nanoTime();
    }

    /** Flushes a partial line and the last phase's summary. */
    public synchronized void finish() {
        flush();
        lines.end();
        summary();
    }

    /** Splits the bytes written into lines. */
    static final class Lines extends OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StageSummaryLog owner;

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                end();
            } else {
                buf.write(b);
            }
        }

        synchronized void end() {
            if (buf.size() > 0) {
                String s = buf.toString(StandardCharsets.UTF_8);
                buf.reset();
                owner.line(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
            }
        }
    }
}
