package org.cxrbench.stats;

import java.util.Locale;

/**
 * The alternative hypothesis of a test of condition against baseline, named as in scipy's {@code alternative=}:
 * {@link #GREATER} (mean(condition) &gt; mean(baseline), the default: "the condition helps"), {@link #LESS}, and
 * {@link #TWO_SIDED}.
 */
public enum Alternative {
    GREATER("greater"), LESS("less"), TWO_SIDED("two-sided");

    private final String key;

    Alternative(String key) {
        this.key = key;
    }

    /** The name used in JSON and on the command line: greater, less, two-sided. */
    public String key() {
        return key;
    }

    /** Parses greater, less, two-sided (also two_sided, two.sided); throws with the accepted names otherwise. */
    public static Alternative parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
        for (Alternative a : values()) {
            if (a.key.equals(k)) {
                return a;
            }
        }
        throw new IllegalArgumentException("alternative '" + s + "': use greater, less or two-sided");
    }
}
