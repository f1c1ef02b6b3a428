package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The utility results, typed and deeply immutable: what {@code ./cxrbench utility --json} writes and what a config
 * run keeps under {@code generators.<g>.utility} (and stores as its utility stage's output). Written and read by
 * Jackson through this record and its parts ({@link SeedMetric}, {@link ComparisonRow}, {@link TrainingRun}), so a
 * written block reads back to an equal record and writes again to the same bytes.
 * <p>
 * Layout: {@code schema_version}; {@code metrics}, the best condition's metrics (each naming its {@code condition});
 * {@code best_condition}; {@code conditions} (per condition: kind, synthetic set and amount, metrics over seeds,
 * training per seed); the comparisons against the baseline with their family ({@code comparisons},
 * {@code family_size}, {@code correction}, and when there was a test: {@code alpha}, {@code test},
 * {@code alternative}, {@code baseline}, {@code ci95_note}); {@code warnings}; {@code labels} (classification) or
 * {@code structures} (segmentation); {@code settings}; {@code provenance}; and, once a config run has corrected over
 * its family of every generator ({@link #withFamily}), {@code family_scope} and {@code family_members}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schema_version", "metrics", "best_condition", "conditions", "comparisons", "family_size",
        "correction", "alpha", "test", "alternative", "baseline", "ci95_note", "warnings", "labels", "structures",
        "settings", "provenance", "family_scope", "family_members"})
public record UtilityResult(@JsonProperty("schema_version") int schemaVersion,
                            @JsonProperty("metrics") Map<String, SeedMetric> metrics,
                            @JsonProperty("best_condition") BestCondition bestCondition,
                            @JsonProperty("conditions") Map<String, ConditionResult> conditions,
                            @JsonProperty("comparisons") List<ComparisonRow> comparisons,
                            @JsonProperty("family_size") int familySize,
                            @JsonProperty("correction") String correction,
                            @JsonProperty("alpha") @JsonInclude(JsonInclude.Include.NON_NULL) Double alpha,
                            @JsonProperty("test") @JsonInclude(JsonInclude.Include.NON_NULL) String test,
                            @JsonProperty("alternative") @JsonInclude(JsonInclude.Include.NON_NULL) String alternative,
                            @JsonProperty("baseline") @JsonInclude(JsonInclude.Include.NON_NULL) String baseline,
                            @JsonProperty("ci95_note") @JsonInclude(JsonInclude.Include.NON_NULL) String ci95Note,
                            @JsonProperty("warnings") List<String> warnings,
                            @JsonProperty("labels") @JsonInclude(JsonInclude.Include.NON_NULL) ScoredLabels labels,
                            @JsonProperty("structures") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> structures,
                            @JsonProperty("settings") Settings settings,
                            @JsonProperty("provenance") @JsonSerialize(using = ProvenanceJson.Writer.class)
                            @JsonDeserialize(using = ProvenanceJson.Reader.class) Provenance provenance,
                            @JsonProperty("family_scope") @JsonInclude(JsonInclude.Include.NON_NULL) String familyScope,
                            @JsonProperty("family_members") @JsonInclude(JsonInclude.Include.NON_NULL)
                            List<String> familyMembers) {
    public UtilityResult { // a part a hand-written or older results file leaves out reads as empty
        metrics = ordered(metrics);
        conditions = ordered(conditions);
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        structures = structures == null ? null : List.copyOf(structures);
        familyMembers = familyMembers == null ? null : List.copyOf(familyMembers);
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * The same block with the rows, size and correction of the run's one family and its scope and members (a new
     * record: this one is unchanged).
     */
    public UtilityResult withFamily(List<ComparisonRow> rows, int size, String familyCorrection, String scope,
                                    List<String> members) {
        return new UtilityResult(schemaVersion, metrics, bestCondition, conditions, rows, size, familyCorrection, alpha,
                test, alternative, baseline, ci95Note, warnings, labels, structures, settings, provenance, scope, members);
    }

    /** The block's comparisons and family as the Stats JSON states them, or null when nothing was tested. */
    public StatsResult stats() {
        return alpha == null ? null : new StatsResult(comparisons, familySize, correction, alpha, test, alternative,
                baseline, ci95Note, warnings, null, null, null);
    }

    /** The reports' view: comparisons, correction, alpha, family size and the headline metrics as registry results. */
    public UtilitySummary summary() {
        Map<String, MetricResult> top = new LinkedHashMap<>();
        metrics.forEach((id, m) -> top.put(id, m.toMetricResult(id)));
        return new UtilitySummary(correction, alpha, familySize, comparisons, top);
    }

    /** The condition with the best mean over seeds among those that use synthetic data, and the rule that chose it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"chosen_by", "name"})
    public record BestCondition(@JsonProperty("name") String name, @JsonProperty("chosen_by") String chosenBy) {}

    /**
     * One training condition: its kind, the synthetic set it draws from, its amount (mixed: share replaced; augmented:
     * synthetic rows per real row), its metrics over seeds and its training per seed.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"kind", "synthetic", "share_replaced", "synthetic_per_real", "metrics", "training"})
    public record ConditionResult(@JsonProperty("kind") String kind, @JsonProperty("synthetic") String synthetic,
                                  @JsonProperty("share_replaced") Double shareReplaced,
                                  @JsonProperty("synthetic_per_real") Double syntheticPerReal,
                                  @JsonProperty("metrics") Map<String, SeedMetric> metrics,
                                  @JsonProperty("training") List<TrainingRun> training) {
        public ConditionResult {
            metrics = ordered(metrics);
            training = training == null ? null : List.copyOf(training);
        }
    }

    /** The labels scored (both classes in the test set and the real training set) and why the others are not. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"scored", "excluded"})
    public record ScoredLabels(@JsonProperty("scored") List<String> scored,
                               @JsonProperty("excluded") Map<String, String> excluded) {
        public ScoredLabels {
            scored = List.copyOf(scored);
            excluded = ordered(excluded);
        }
    }

    /** The model and scoring in words (the classifiers' F1 and AUROC rules; the U-Net's structures and empty masks). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"model", "structures", "empty_masks", "dice_iou", "f1_threshold", "auroc", "test_set"})
    public record Settings(@JsonProperty("model") String model, @JsonProperty("structures") StructureChoice structures,
                           @JsonProperty("empty_masks") String emptyMasks, @JsonProperty("dice_iou") String diceIou,
                           @JsonProperty("f1_threshold") String f1Threshold, @JsonProperty("auroc") String auroc,
                           @JsonProperty("test_set") String testSet) {}

    /**
     * The structures a U-Net run was asked for: the names given, or (none given) every mask name common to all rows,
     * written as that rule in words.
     */
    public record StructureChoice(List<String> named) {
        public static final String COMMON = "mask names common to every row";

        public StructureChoice {
            named = List.copyOf(named);
        }

        @JsonValue
        Object json() {
            return named.isEmpty() ? COMMON : named;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static StructureChoice read(JsonNode n) {
            List<String> names = new ArrayList<>();
            if (n.isArray()) {
                n.forEach(x -> names.add(x.asText()));
            }
            return new StructureChoice(names);
        }
    }
}
