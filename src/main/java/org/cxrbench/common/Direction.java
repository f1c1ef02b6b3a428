package org.cxrbench.common;

import java.util.Locale;

/** Which way a metric is better. Reports mark the best value by it; regression verdicts read it. */
public enum Direction {
    LOWER, HIGHER, NONE;

    /** The JSON form: "lower", "higher", "none". */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction parse(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase(Locale.ROOT)) {
            case "lower" -> LOWER;
            case "higher" -> HIGHER;
            case "none" -> NONE;
            default -> throw new BadInputException("unknown direction '" + s + "'; use lower, higher or none");
        };
    }

    /** True when {@code a} is better than {@code b} (never for NONE). */
    public boolean better(double a, double b) {
        return switch (this) {
            case LOWER -> a < b;
            case HIGHER -> a > b;
            case NONE -> false;
        };
    }
}
