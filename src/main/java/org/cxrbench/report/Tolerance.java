package org.cxrbench.report;

import org.cxrbench.common.MetricResult;

import java.util.Locale;

/**
 * How far a metric may move in its worse direction before a nightly run counts as a regression: an absolute
 * amount ({@code abs:0.5}), a share of the baseline value ({@code rel:0.05}), or anything outside the baseline's
 * 95% CI ({@code ci}). These are policies the user sets, not measured thresholds.
 */
public record Tolerance(Kind kind, double amount) {
    public enum Kind { ABSOLUTE, RELATIVE, CI }

    /**
     * The default policy: outside the baseline's CI when the baseline entry has one (its own sampling spread), else
     * 5% of the baseline value (a default to override per metric with --tolerance, stated in every table).
     */
    public static final Tolerance DEFAULT_WITHOUT_CI = new Tolerance(Kind.RELATIVE, 0.05);

    /** Parses "abs:X", "rel:X" or "ci"; throws IllegalArgumentException with the allowed forms. */
    public static Tolerance parse(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.equals("ci")) {
            return new Tolerance(Kind.CI, Double.NaN);
        }
        int colon = t.indexOf(':');
        if (colon > 0) {
            String k = t.substring(0, colon);
            double x;
            try {
                x = Double.parseDouble(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tolerance '" + s + "' has no number after ':'");
            }
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException("tolerance '" + s + "' must be a finite number >= 0");
            }
            if (k.equals("abs")) {
                return new Tolerance(Kind.ABSOLUTE, x);
            }
            if (k.equals("rel")) {
                return new Tolerance(Kind.RELATIVE, x);
            }
        }
        throw new IllegalArgumentException("tolerance '" + s + "' is not abs:X, rel:X or ci");
    }

    public String describe() {
        return switch (kind) {
            case ABSOLUTE -> "abs " + Format.number(amount);
            case RELATIVE -> "rel " + Format.percent(amount);
            case CI -> "baseline CI";
        };
    }

    /**
     * The worst value still accepted, for a baseline entry and a direction ("lower": values above it regress;
     * "higher": values below it regress). CI falls back to {@link #DEFAULT_WITHOUT_CI} when the baseline has no CI.
     */
    public double limit(MetricResult base, boolean lowerIsBetter) {
        double b = base.value();
        return switch (kind) {
            case ABSOLUTE -> lowerIsBetter ? b + amount : b - amount;
            case RELATIVE -> lowerIsBetter ? b + amount * Math.abs(b) : b - amount * Math.abs(b);
            // the baseline value itself always passes (results made before the jackknife intervals had basic-bootstrap CIs,
            // which need not contain their estimate)
            case CI -> base.ci95() != null ? (lowerIsBetter ? Math.max(base.ci95()[1], b) : Math.min(base.ci95()[0], b))
                    : DEFAULT_WITHOUT_CI.limit(base, lowerIsBetter);
        };
    }

    /** The rule that {@link #limit} applies to this baseline entry (CI without a CI says what it fell back to). */
    public String describeFor(MetricResult base) {
        if (kind == Kind.CI && base.ci95() == null) {
            return "no baseline CI: " + DEFAULT_WITHOUT_CI.describe();
        }
        return describe();
    }
}
