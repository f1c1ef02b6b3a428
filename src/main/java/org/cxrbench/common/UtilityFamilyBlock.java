package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The run's family as results.json states it ({@code utility_family}). */
@JsonPropertyOrder({"size", "metrics", "correction", "alpha", "test", "baseline", "members", "scores", "stats_command"})
public record UtilityFamilyBlock(@JsonProperty("size") int size, @JsonProperty("metrics") List<String> metrics,
                                @JsonProperty("correction") String correction, @JsonProperty("alpha") double alpha,
                                @JsonProperty("test") String test, @JsonProperty("baseline") String baseline,
                                @JsonProperty("members") List<String> members, @JsonProperty("scores") String scores,
                                @JsonProperty("stats_command") String statsCommand) {
    public UtilityFamilyBlock {
        metrics = List.copyOf(metrics);
        members = List.copyOf(members);
    }
}
