package org.cxrbench.filter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The builtin judge's calibration as summary.json records it ({@code judge.calibration}): the thresholds, how many
 * real images each test rejects, and each test's robust location and scale (see {@link BuiltinCalibration}).
 *
 * @param tests test name -&gt; its measure, statistic and real images above the threshold
 */
@JsonPropertyOrder({"real_images", "false_rejection_target", "reject_threshold", "high_threshold",
        "not_chest_xray_threshold", "layout_naming_threshold", "real_rejected", "cnn_input_grey_mean",
        "cnn_input_grey_sd", "statistic", "tests"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CalibrationInfo(int realImages, double falseRejectionTarget, double rejectThreshold, double highThreshold,
                              double notChestXrayThreshold, double layoutNamingThreshold, long realRejected,
                              double cnnInputGreyMean, double cnnInputGreySd, String statistic, Map<String, Test> tests) {
    public CalibrationInfo {
        tests = Collections.unmodifiableMap(new LinkedHashMap<>(tests));
    }

    /** A robust location and scale, and which tail is bad ({@code high} or {@code low}). */
    @JsonPropertyOrder({"median", "scale", "bad_tail"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stat(double median, double scale, String badTail) {}

    /**
     * One test: what it measures (null for the image-quality measures), its statistic (null for relevance, which has
     * one per label), the per-label statistics of the relevance test, and how many real images exceed the threshold.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"measure", "per_label", "real_images_above_threshold", "stat"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Test(String measure, Map<String, LabelStat> perLabel, int realImagesAboveThreshold, Stat stat) {
        public Test {
            perLabel = perLabel == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(perLabel));
        }
    }

    /** The relevance statistic of one finding: its real positives and its statistic, or why it has none. */
    @JsonPropertyOrder({"real_positives", "stat"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LabelStat(int realPositives, StatOrReason stat) {}

    /** A statistic, or (written as a string in its place) why there is none. */
    @JsonSerialize(using = StatOrReason.Writer.class)
    @JsonDeserialize(using = StatOrReason.Reader.class)
    public record StatOrReason(Stat stat, String reason) {
        public static StatOrReason of(Stat stat) {
            return new StatOrReason(stat, null);
        }

        public static StatOrReason none(String reason) {
            return new StatOrReason(null, reason);
        }

        static final class Writer extends StdSerializer<StatOrReason> {
            Writer() {
                super(StatOrReason.class);
            }

            @Override
            public void serialize(StatOrReason v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v.stat() != null) {
                    p.defaultSerializeValue(v.stat(), g);
                } else {
                    g.writeString(v.reason());
                }
            }
        }

        static final class Reader extends StdDeserializer<StatOrReason> {
            Reader() {
                super(StatOrReason.class);
            }

            @Override
            public StatOrReason deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return p.currentToken() == JsonToken.VALUE_STRING ? none(p.getText()) : of(c.readValue(p, Stat.class));
            }
        }
    }
}
