package org.cxrbench.filter;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;

/**
 * What summary.json records about the judge ({@code judge}): its name and fingerprint, then the settings of that
 * kind of judge. Written and read by one Jackson binding, the kind chosen by {@code name}; a judge of another name
 * (a test's) is {@link Basic}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "name", visible = true,
        defaultImpl = JudgeInfo.Basic.class)
@JsonSubTypes({@JsonSubTypes.Type(value = JudgeInfo.Builtin.class, name = "builtin"),
        @JsonSubTypes.Type(value = JudgeInfo.Vlm.class, name = "vlm"),
        @JsonSubTypes.Type(value = JudgeInfo.Onnx.class, name = "onnx"),
        @JsonSubTypes.Type(value = JudgeInfo.LabelsFile.class, name = "labels-file")})
public sealed interface JudgeInfo {
    String name();

    String fingerprint();

    /** A judge that records nothing beyond its name and fingerprint. */
    @JsonPropertyOrder({"name", "fingerprint"})
    record Basic(String name, String fingerprint) implements JudgeInfo {}

    /** The builtin judge: what its score is and its calibration on the real images. */
    @JsonPropertyOrder({"name", "fingerprint", "score", "calibration"})
    record Builtin(String name, String fingerprint, String score, CalibrationInfo calibration) implements JudgeInfo {}

    /** A labels file: its path and content hash. */
    @JsonPropertyOrder({"name", "fingerprint", "labels", "labels_sha256"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LabelsFile(String name, String fingerprint, String labels, String labelsSha256) implements JudgeInfo {}

    /** An ONNX classifier: the model's fingerprint, its label map and classes, and what its score is. */
    @JsonPropertyOrder({"name", "fingerprint", "model", "label_map", "classes", "score"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Onnx(String name, String fingerprint, String model, String labelMap, List<String> classes, String score)
            implements JudgeInfo {
        public Onnx {
            classes = List.copyOf(classes);
        }
    }

    /**
     * A VLM behind an OpenAI-compatible endpoint: endpoint, model, prompt and request settings, and how many images it
     * left unjudged.
     */
    @JsonPropertyOrder({"name", "fingerprint", "endpoint", "model", "model_fingerprint", "prompt",
            "description_appended_as", "temperature", "concurrency", "timeout_seconds", "retries", "max_rps", "on_error",
            "api_key_env", "unjudged", "score"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Vlm(String name, String fingerprint, String endpoint, String model, String modelFingerprint, String prompt,
               String descriptionAppendedAs, int temperature, int concurrency, double timeoutSeconds, int retries,
               double maxRps, String onError, String apiKeyEnv, int unjudged, String score) implements JudgeInfo {}
}
