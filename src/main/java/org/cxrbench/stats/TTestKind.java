package org.cxrbench.stats;

import java.util.Locale;

/** Which t-test compares a condition with the baseline: paired by seed (default) or Welch's unpaired test. */
public enum TTestKind {
    PAIRED("paired"), WELCH("welch");

    private final String key;

    TTestKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static TTestKind parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (TTestKind t : values()) {
            if (t.key.equals(k)) {
                return t;
            }
        }
        throw new IllegalArgumentException("test '" + s + "': use paired or welch");
    }

    TTestResult run(double[] condition, double[] baseline, Alternative alternative) {
        return this == PAIRED ? TStatistics.paired(condition, baseline, alternative) : TStatistics.welch(condition, baseline, alternative);
    }
}
