package org.cxrbench.common;

import java.util.Locale;

/** The metric families of cxrbench. */
public enum Family {
    FIDELITY, PRIVACY, UTILITY, FILTER;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Family parse(String s) {
        for (Family f : values()) {
            if (f.json().equals(s)) {
                return f;
            }
        }
        throw new BadInputException("unknown metric family '" + s + "'; use fidelity, privacy, utility or filter");
    }
}
