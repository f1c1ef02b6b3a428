package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/**
 * The contract's Stats JSON, typed and immutable: the comparisons with the family they were corrected over
 * ({@code comparisons}, {@code family_size}, {@code correction}), the fields that make it self-explaining (alpha,
 * test, alternative, baseline, the CI note, warnings) and, as {@code ./cxrbench stats} writes it, the family's
 * metrics and members and the provenance. Written and read by Jackson through this record.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"comparisons", "family_size", "correction", "alpha", "test", "alternative", "baseline", "ci95_note",
        "warnings", "family_metrics", "family_members", "provenance"})
public record StatsResult(@JsonProperty("comparisons") List<ComparisonRow> comparisons,
                          @JsonProperty("family_size") int familySize, @JsonProperty("correction") String correction,
                          @JsonProperty("alpha") double alpha, @JsonProperty("test") String test,
                          @JsonProperty("alternative") String alternative, @JsonProperty("baseline") String baseline,
                          @JsonProperty("ci95_note") String ci95Note, @JsonProperty("warnings") List<String> warnings,
                          @JsonProperty("family_metrics") @JsonInclude(JsonInclude.Include.NON_NULL)
                          List<String> familyMetrics,
                          @JsonProperty("family_members") @JsonInclude(JsonInclude.Include.NON_NULL)
                          List<String> familyMembers,
                          @JsonProperty("provenance") @JsonInclude(JsonInclude.Include.NON_NULL)
                          @JsonSerialize(using = ProvenanceJson.Writer.class)
                          @JsonDeserialize(using = ProvenanceJson.Reader.class) Provenance provenance) {
    public static final String CI95_NOTE = "two-sided 95% CI of mean_diff (condition - baseline) from the test's t"
            + " distribution, also for one-sided tests";

    public StatsResult {
        comparisons = List.copyOf(comparisons);
        warnings = List.copyOf(warnings);
        familyMetrics = familyMetrics == null ? null : List.copyOf(familyMetrics);
        familyMembers = familyMembers == null ? null : List.copyOf(familyMembers);
    }

    /** The same comparisons as the stats command states them: with the family's metrics, members and provenance. */
    public StatsResult withFamily(List<String> metrics, List<String> members, Provenance prov) {
        return new StatsResult(comparisons, familySize, correction, alpha, test, alternative, baseline, ci95Note, warnings,
                metrics, members, prov);
    }
}
