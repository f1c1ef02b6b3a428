package org.cxrbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void unorderedMapsAndSetsAreWrittenInKeyOrderOrderedOnesAsGiven() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("zeta", 1);
        given.put("alpha", Map.of("d", 4, "b", 2, "c", Set.of("y", "x", "z")));
        given.put("list", List.of(Map.of("q", 1, "p", 2)));
        String json = Json.toString(given).replaceAll("\\s+", "");
        assertThat(json).isEqualTo("{\"zeta\":1,\"alpha\":{\"b\":2,\"c\":[\"x\",\"y\",\"z\"],\"d\":4},\"list\":[{\"p\":2,\"q\":1}]}");
    }
}
