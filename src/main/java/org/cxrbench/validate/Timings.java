package org.cxrbench.validate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Wall-clock seconds per phase of a validate run, summed in the order first seen, for its last log line. */
final class Timings {
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** Adds the time since {@code startNanos} to the phase. */
    synchronized void add(String phase, long startNanos) {
        seconds.merge(phase, (System.nanoTime() - startNanos) / 1e9, Double::sum);
    }

    @Override
    public synchronized String toString() {
        StringJoiner j = new StringJoiner(", ");
        seconds.forEach((k, v) -> j.add(String.format(Locale.ROOT, "%s %.1f s", k, v)));
        return j.toString();
    }
}
