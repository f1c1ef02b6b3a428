package org.cxrbench.filter;

import java.util.Locale;
import org.cxrbench.common.BadInputException;

/** The four verdicts of the SynthCheX-75K meta-prompt, written as {@code high}, {@code medium}, {@code low}, {@code not-relevant}. */
public enum Verdict {
    HIGH("high"), MEDIUM("medium"), LOW("low"), NOT_RELEVANT("not-relevant");

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
        throw new BadInputException("unknown verdict '" + s + "'; use high, medium, low or not-relevant");
    }
}
