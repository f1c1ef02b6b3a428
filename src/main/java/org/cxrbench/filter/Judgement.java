package org.cxrbench.filter;

import java.util.Objects;

/**
 * One judge's decision on one image.
 *
 * @param verdict the verdict
 * @param score   the judge's confidence or statistic (each judge says what it is in its reason and card); NaN when
 *                the judge gives none (an imported answer)
 * @param reason  why, in a few words (for a free-text judge, its answer as given)
 */
public record Judgement(Verdict verdict, double score, String reason) {
    public Judgement {
        Objects.requireNonNull(verdict, "verdict");
        reason = reason == null ? "" : reason.replace('\n', ' ').replace('\r', ' ');
    }
}
