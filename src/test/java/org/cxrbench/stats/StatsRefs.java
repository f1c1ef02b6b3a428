package org.cxrbench.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** src/test/resources/stats/stats_refs.json: scipy reference numbers made by make_stats_refs.py beside it. */
final class StatsRefs {
    private StatsRefs() {}

    private static JsonNode refs;

    static synchronized JsonNode get() {
        if (refs == null) {
            try (InputStream in = StatsRefs.class.getResourceAsStream("/stats/stats_refs.json")) {
                refs = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return refs;
    }
}
