package org.cxrbench.stats;

import java.util.Locale;

/** A family-wise error correction over a declared family of m tests: {@link MultipleTesting} applies it. */
public enum Correction {
    /** Bonferroni (1936): p_adj = min(1, m p); reject iff p &lt;= alpha / m. */
    BONFERRONI("bonferroni"),
    /** Holm (1979) step-down: p_adj(i) = max over j &lt;= i of min(1, (m - j + 1) p(j)) in ascending order. */
    HOLM("holm"),
    /** No correction (p_adj = p): for single pre-registered comparisons only. */
    NONE("none");

    private final String key;

    Correction(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Correction parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (Correction c : values()) {
            if (c.key.equals(k)) {
                return c;
            }
        }
        throw new IllegalArgumentException("correction '" + s + "': use bonferroni, holm or none");
    }
}
