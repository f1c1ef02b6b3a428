package org.cxrbench.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the quality filter did to one generator's images, typed: images judged, kept and removed, and the count per
 * verdict (high, medium, low, not-relevant). The results' {@code generators.<g>.filter} block carries these fields.
 */
public record FilterCounts(long total, long kept, long removed, Map<String, Long> perVerdict) {
    public FilterCounts {
        perVerdict = Collections.unmodifiableMap(new LinkedHashMap<>(perVerdict));
    }

    /** True when the filter removed every image (nothing left to measure). */
    public boolean emptied() {
        return kept == 0 && total > 0;
    }

    /** Reads a filter block's counts ({@code total}, {@code kept}, {@code removed}, {@code counts}); null if absent. */
    public static FilterCounts of(Object block) {
        if (block == null) {
            return null;
        }
        JsonNode n = Json.MAPPER.valueToTree(block);
        if (!n.path("kept").isNumber()) {
            return null;
        }
        Map<String, Long> c = new LinkedHashMap<>();
        n.path("counts").fields().forEachRemaining(e -> c.put(e.getKey(), e.getValue().asLong()));
        long kept = n.path("kept").asLong();
        long total = n.path("total").isNumber() ? n.path("total").asLong() : kept + n.path("removed").asLong();
        long removed = n.path("removed").isNumber() ? n.path("removed").asLong() : total - kept;
        return new FilterCounts(total, kept, removed, c);
    }
}
