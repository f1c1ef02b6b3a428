package org.cxrbench.report;

import org.cxrbench.common.MetricResult;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formatting shared by the HTML, Markdown, LaTeX and text renderers (4 significant digits, no exponent). */
public final class Format {
    private Format() {}

    public static String number(Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        if (v.isInfinite()) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf(v.longValue());
        }
        if (Math.abs(v) < 1e-6) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    /** A published number as printed (all its digits, trailing zeros dropped): never rounded again. */
    public static String exact(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return number(v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A number at a given count of decimals (used to print a CI at its estimate's precision). */
    public static String decimals(double v, int d) {
        return String.format(Locale.ROOT, "%." + Math.max(0, d) + "f", v);
    }

    /** Decimals that {@link #number} prints for v (0 for integers and exponent forms). */
    static int decimalsOf(Double v) {
        String s = number(v);
        int dot = s.indexOf('.');
        return dot < 0 || s.contains("e") ? 0 : s.length() - dot - 1;
    }

    /**
     * "12.3 [11.9, 12.8]" with the CI at the estimate's precision (+1 digit), or finer where the interval is narrower
     * than that shows (then two significant digits of its width: "0 [0.000, 0.013]", not "0 [0.0, 0.0]"), or
     * "0.0041 ± 0.0003". An interval that does not hold its estimate (only results of builds before issue 20's
     * intervals have one) says so beside it.
     */
    public static String withSpread(MetricResult e) {
        String v = number(e.value());
        if (e.ci95() != null) {
            double lo = e.ci95()[0];
            double hi = e.ci95()[1];
            int d = Math.max(decimalsOf(e.value()), 1);
            double width = hi - lo;
            int shown = width > 0 && Double.isFinite(width) ? -(int) Math.floor(Math.log10(width)) : 0;
            if (d < shown) { // the width would not show: two significant digits of it
                d = shown + 1;
            }
            String out = v + " [" + decimals(lo, Math.min(d, 12)) + ", " + decimals(hi, Math.min(d, 12)) + "]";
            boolean holds = !(e.value() < lo || e.value() > hi);
            return holds ? out : out + " (this interval does not hold its estimate: made by an older cxrbench; "
                    + "rerun to replace it)";
        }
        if (e.std() != null) {
            return v + " ± " + number(e.std());
        }
        return v;
    }

    public static String percent(double fraction) {
        double p = 100 * fraction;
        return (p >= 10 || p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p)
                : String.format(Locale.ROOT, "%.2g", p)) + "%";
    }

    public static String signed(Double v) {
        if (v == null) {
            return "–";
        }
        String s = number(v);
        return v > 0 ? "+" + s : s;
    }

    /** "↓" lower is better, "↑" higher is better, "" unknown. */
    public static String arrow(String direction) {
        return "lower".equals(direction) ? "↓" : "higher".equals(direction) ? "↑" : "";
    }
}
