package org.cxrbench.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the measurements recommend per flaw: the (metric, encoder) pair that detects it at the smallest strength,
 * ties broken by the larger effect at that strength (the difference from the floor in floor half-widths); and
 * whether the filter removes it (its flagged share at the strongest level, beside the false-rejection rate).
 */
final class Recommendations {
    private Recommendations() {}

    record Recommendation(Flaw flaw, Analysis.Verdict best, String text) {}

    static List<Recommendation> of(ValidateJob.Outcome o) {
        List<Recommendation> out = new ArrayList<>();
        for (Flaw f : o.flaws()) {
            Analysis.Verdict best = o.verdicts().stream().filter(v -> v.flaw() == f && v.expected() && v.detectedAt() != null)
                    .min(Comparator.<Analysis.Verdict>comparingInt(Analysis.Verdict::detectedAt)
                            .thenComparing(v -> -v.signedEffect()[v.detectedAt()])).orElse(null);
            StringBuilder t = new StringBuilder();
            if (best == null) {
                t.append("no metric and encoder meant for it detects it");
            } else {
                t.append(String.format(Locale.ROOT, "%s with %s (detected from strength %d, %s %s)", best.metric(),
                        best.encoder(), best.detectedAt(), f.parameter.split(" ")[0], ValidateJob.fmt(f.level(best.detectedAt()))));
                long others = o.verdicts().stream().filter(v -> v.flaw() == f && v.expected() && v.detectedAt() != null).count() - 1;
                if (others > 0) {
                    t.append(String.format(Locale.ROOT, "; %d other pair%s detect it", others, others == 1 ? "" : "s"));
                }
            }
            List<String> wrong = o.verdicts().stream().filter(v -> v.flaw() == f && v.expected() && v.verdict().equals("wrong-direction"))
                    .map(v -> v.metric() + "/" + v.encoder()).toList();
            if (!wrong.isEmpty()) {
                t.append("; misleading (improves with the flaw): ").append(String.join(", ", wrong));
            }
            o.flagged().stream().filter(x -> x.flaw() == f && x.strength() == Flaw.STRENGTHS).findFirst().ifPresent(x ->
                    t.append(String.format(Locale.ROOT, "; the filter removes %.0f%% at strength %d", 100.0 * x.flagged() / x.n(),
                            Flaw.STRENGTHS)));
            out.add(new Recommendation(f, best, t.toString()));
        }
        return out;
    }
}
