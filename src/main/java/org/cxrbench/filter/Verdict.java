package org.cxrbench.filter;

import java.util.Locale;
import org.cxrbench.common.BadInputException;

/**
 * The four verdicts of the SynthCheX-75K meta-prompt, written as {@code high}, {@code medium}, {@code low},
 * {@code not-relevant}, and {@code unjudged}: no judge's answer but the record of an image the judge could not judge
 * (the VLM's {@code on_error: unjudged} policy: an answer outside the four labels, retries exhausted); it is never
 * cached, so the next run asks again, and {@code --remove} keeps or removes it like any verdict.
 */
public enum Verdict {
    HIGH("high"), MEDIUM("medium"), LOW("low"), NOT_RELEVANT("not-relevant"), UNJUDGED("unjudged");

    private final String key;

    Verdict(String key) {
        this.key = key;
    }

    /** The written form (judgements.csv, summary.json, --remove). */
    public String key() {
        return key;
    }

    /** A policy word as given to --remove: the written form, or its enum name, case-insensitively. */
    public static Verdict ofKey(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        for (Verdict v : values()) {
            if (v.key.equals(k)) {
                return v;
            }
        }
        throw new BadInputException("unknown verdict '" + s + "'; use high, medium, low, not-relevant or unjudged");
    }
}
