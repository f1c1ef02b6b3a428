package org.cxrbench.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The results JSON's one binding: the Jackson serializers that write an {@link Evaluation} and each
 * {@link MetricResult} entry (registered on the records with {@code @JsonSerialize}, so any map or block that holds
 * them is written the same way), the table of typed blocks beside the metrics ({@link ResultBlocks}: each block's key,
 * order and binding, used both to write and to read) and, beside them, the reader that binds a written file back into
 * the same typed model (round trip). The schema lives in {@code schema/results.schema.json}.
 */
public final class ResultsJson {
    private ResultsJson() {}

    /** The results tree of an evaluation, as {@link #write} writes it. */
    public static JsonNode toJson(Evaluation e) {
        return Json.MAPPER.valueToTree(e);
    }

    public static void write(Path file, Evaluation e) {
        Json.write(file, e);
    }

    /** Writes the contract's layout: schema_version, metrics, noise_floor, generators, warnings, the typed blocks, provenance. */
    static final class EvaluationWriter extends StdSerializer<Evaluation> {
        EvaluationWriter() {
            super(Evaluation.class);
        }

        @Override
        public void serialize(Evaluation e, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            g.writeNumberField("schema_version", Evaluation.SCHEMA_VERSION);
            g.writeObjectField("metrics", e.metrics());
            if (e.noiseFloor() != null) {
                floor(g, e.noiseFloor());
            }
            if (!e.generators().isEmpty()) {
                g.writeObjectFieldStart("generators");
                for (Map.Entry<String, Evaluation.GeneratorResult> x : e.generators().entrySet()) {
                    Evaluation.GeneratorResult r = x.getValue();
                    g.writeObjectFieldStart(x.getKey());
                    g.writeObjectField("metrics", r.metrics());
                    if (r.noiseFloor() != null) {
                        floor(g, r.noiseFloor());
                    }
                    g.writeObjectField("inputs", Json.ordered(r.inputs())); // as every written map: unordered ones in key order
                    g.writeObjectField("warnings", r.warnings());
                    blocks(g, r.blocks());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeObjectField("warnings", e.warnings());
            blocks(g, e.blocks());
            g.writeObjectField("provenance", e.provenance().written());
            g.writeEndObject();
        }

        private static void floor(JsonGenerator g, Evaluation.NoiseFloor f) throws IOException {
            g.writeObjectFieldStart("noise_floor");
            g.writeStringField("method", f.method());
            g.writeObjectField("metrics", f.metrics());
            if (!f.generatorAtN().isEmpty()) {
                g.writeObjectField("generator_at_n", f.generatorAtN());
            }
            g.writeEndObject();
        }

        private static void blocks(JsonGenerator g, ResultBlocks b) throws IOException {
            for (Block<?> x : BLOCKS) {
                x.write(g, b);
            }
        }
    }

    /**
     * One typed block beside the metrics: its key, how it is taken from and put into {@link ResultBlocks}, and how its
     * value is written and read (by default Jackson's binding of the value's type, both ways).
     */
    private record Block<T>(String key, Function<ResultBlocks, T> get, BiConsumer<ResultBlocks.Builder, T> set,
                            Function<T, Object> written, Function<JsonNode, T> read) {
        void write(JsonGenerator g, ResultBlocks b) throws IOException {
            T v = get.apply(b);
            if (v != null) {
                g.writeObjectField(key, written.apply(v)); // maps in blocks are in written order already
            }
        }

        void read(JsonNode n, ResultBlocks.Builder b) {
            if (n.has(key)) {
                set.accept(b, read.apply(n.get(key)));
            }
        }

        static <T> Block<T> bound(String key, Class<T> type, Function<ResultBlocks, T> get,
                                  BiConsumer<ResultBlocks.Builder, T> set) {
            return new Block<>(key, get, set, v -> v, n -> Json.MAPPER.convertValue(n, type));
        }

        static <T> Block<T> bound(String key, TypeReference<T> type, Function<ResultBlocks, T> get,
                                  BiConsumer<ResultBlocks.Builder, T> set) {
            return new Block<>(key, get, set, v -> v, n -> Json.MAPPER.convertValue(n, type));
        }

        /** A verifier kept only by its validation AUC: written whenever the stage ran, null when it scored no re-id. */
        static Block<ReidSummary> auc(String key, Function<ResultBlocks, ReidSummary> get,
                                      BiConsumer<ResultBlocks.Builder, ReidSummary> set) {
            return new Block<>(key, get, set, ReidSummary::validationAuc,
                    n -> ReidSummary.auc(n.isNumber() ? n.asDouble() : null));
        }
    }

    private static final TypeReference<List<ClosestPair>> PAIRS = new TypeReference<>() {};

    /** The blocks in the order they are written; each is read back by the same entry. */
    private static final List<Block<?>> BLOCKS = List.of(
            Block.bound("summary", PrivacySummary.class, ResultBlocks::summary, ResultBlocks.Builder::summary),
            Block.bound("reid", ReidSummary.class, ResultBlocks::reid, ResultBlocks.Builder::reid),
            Block.bound("pixel_space", PixelSpace.class, ResultBlocks::pixelSpace, ResultBlocks.Builder::pixelSpace),
            Block.auc("reid_verifier_auc", ResultBlocks::reidVerifier, ResultBlocks.Builder::reidVerifier),
            Block.bound("privacy_summary", PrivacySummary.class, ResultBlocks::privacySummary,
                    ResultBlocks.Builder::privacySummary),
            Block.bound("histogram_dcr", Histogram.class, ResultBlocks::dcr, ResultBlocks.Builder::dcr),
            Block.bound("histogram_dcr_holdout", Histogram.class, ResultBlocks::dcrHoldout,
                    ResultBlocks.Builder::dcrHoldout),
            Block.bound("closest_pairs", PAIRS, ResultBlocks::closestPairs, ResultBlocks.Builder::closestPairs),
            Block.bound("filter", FilterCounts.class, ResultBlocks::filter, ResultBlocks.Builder::filter),
            new Block<>("metrics_unfiltered", ResultBlocks::metricsUnfiltered, ResultBlocks.Builder::metricsUnfiltered,
                    v -> v, ResultsJson::readMetrics),
            Block.bound("closest_pairs_unfiltered", PAIRS, ResultBlocks::closestPairsUnfiltered,
                    ResultBlocks.Builder::closestPairsUnfiltered),
            Block.bound("utility", UtilityResult.class, ResultBlocks::utility, ResultBlocks.Builder::utility),
            Block.bound("kid_difference", KidDifference.class, ResultBlocks::kidDifference,
                    ResultBlocks.Builder::kidDifference),
            Block.auc("noise_floor_reid_verifier_auc", ResultBlocks::noiseFloorReidVerifier,
                    ResultBlocks.Builder::noiseFloorReidVerifier),
            Block.bound("utility_family", UtilityFamilyBlock.class, ResultBlocks::utilityFamily, ResultBlocks.Builder::utilityFamily),
            Block.bound("stages", new TypeReference<List<String>>() {}, ResultBlocks::stages,
                    ResultBlocks.Builder::stages),
            Block.bound("stage_runs", ResultBlocks.StageRuns.class, ResultBlocks::stageRuns,
                    ResultBlocks.Builder::stageRuns));

    /** The typed blocks of an evaluation's or a generator's node (keys this version does not know are left out). */
    static ResultBlocks readBlocks(JsonNode n) {
        ResultBlocks.Builder b = ResultBlocks.builder();
        for (Block<?> x : BLOCKS) {
            x.read(n, b);
        }
        return b.build();
    }

    /**
     * Writes one metric entry: value (a label -&gt; value object for per-label metrics), ci95, std, direction, family
     * and unit from the registry, the counts, per_label cells, warnings, params and details.
     */
    static final class EntryWriter extends StdSerializer<MetricResult> {
        EntryWriter() {
            super(MetricResult.class);
        }

        @Override
        public void serialize(MetricResult r, JsonGenerator g, SerializerProvider p) throws IOException {
            Metric m = r.metric();
            g.writeStartObject();
            if (r.isPerLabel()) {
                g.writeObjectFieldStart("value");
                for (Map.Entry<String, MetricResult.LabelValue> x : r.perLabel().entrySet()) {
                    g.writeObjectField(x.getKey(), x.getValue().value());
                }
                g.writeEndObject();
            } else {
                g.writeObjectField("value", Double.isFinite(r.value()) ? r.value() : null);
            }
            if (r.ci95() != null) {
                g.writeObjectField("ci95", r.ci95());
            }
            if (r.std() != null) {
                g.writeNumberField("std", r.std());
            }
            g.writeStringField("direction", m.direction().json());
            g.writeStringField("family", m.family().json());
            g.writeStringField("unit", m.unit());
            for (Map.Entry<String, Long> c : r.counts().entrySet()) {
                g.writeNumberField(c.getKey(), c.getValue());
            }
            if (r.isPerLabel()) {
                g.writeObjectFieldStart("per_label");
                for (Map.Entry<String, MetricResult.LabelValue> x : r.perLabel().entrySet()) {
                    MetricResult.LabelValue lv = x.getValue();
                    g.writeObjectFieldStart(x.getKey());
                    g.writeObjectField("value", lv.value());
                    g.writeNumberField("n_real", lv.nReal());
                    g.writeNumberField("n_synthetic", lv.nSynthetic());
                    g.writeBooleanField("reliable", lv.reliable());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeObjectField("warnings", r.warnings());
            if (!r.params().isEmpty()) {
                g.writeObjectField("params", r.params()); // in key order, as the records declare them
            }
            if (!r.details().isEmpty()) {
                g.writeObjectField("details", r.details());
            }
            g.writeEndObject();
        }
    }

    /** Reads a results JSON written by {@link #write}; a file of another schema version is a bad input. */
    public static Evaluation read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw BadInputException.of(file, "is not readable JSON (" + e.getMessage().split("\n")[0] + ")",
                    "give a results.json written by cxrbench");
        }
        return read(file, root);
    }

    /** Reads the parsed tree of a results JSON ({@code file} names it in errors). */
    public static Evaluation read(Path file, JsonNode root) {
        int v = root.path("schema_version").asInt(-1);
        if (v != Evaluation.SCHEMA_VERSION) {
            throw BadInputException.of(file, "has schema_version " + (v < 0 ? "(none)" : v) + ", this cxrbench reads "
                    + Evaluation.SCHEMA_VERSION, "re-run it with this version of cxrbench");
        }
        Map<String, Evaluation.GeneratorResult> gens = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("generators").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> g = it.next();
            JsonNode n = g.getValue();
            Map<String, String> inputs = new LinkedHashMap<>();
            n.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
            gens.put(g.getKey(), new Evaluation.GeneratorResult(readMetrics(n.path("metrics")), readFloor(n.path("noise_floor")),
                    inputs, strings(n.path("warnings")), readBlocks(n)));
        }
        return new Evaluation(readMetrics(root.path("metrics")), readFloor(root.path("noise_floor")), gens,
                strings(root.path("warnings")), readBlocks(root), Provenance.fromJson(root.path("provenance")));
    }

    static Evaluation.NoiseFloor readFloor(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        JsonNode atN = n.path("generator_at_n");
        return new Evaluation.NoiseFloor(n.path("method").asText(), readMetrics(n.path("metrics")),
                atN.isMissingNode() || atN.isNull() ? Map.of() : readMetrics(atN));
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** Metric entries keyed by id (an object of entries; empty when absent). */
    public static Map<String, MetricResult> readMetrics(JsonNode n) {
        Map<String, MetricResult> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), readMetric(e.getKey(), e.getValue())));
        return out;
    }

    private static final List<String> ENTRY = List.of("value", "ci95", "std", "direction", "family", "unit",
            "per_label", "warnings", "params", "details");

    static MetricResult readMetric(String id, JsonNode n) {
        if (Metrics.find(id) == null) {
            throw new BadInputException("results JSON names metric '" + id + "', which this cxrbench does not know");
        }
        JsonNode v = n.path("value");
        double value = v.isNumber() ? v.asDouble() : Double.NaN;
        double[] ci = null;
        if (n.path("ci95").isArray()) {
            ci = new double[] {n.path("ci95").get(0).asDouble(), n.path("ci95").get(1).asDouble()};
        }
        Double std = n.path("std").isNumber() ? n.path("std").asDouble() : null;
        Map<String, Long> counts = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (!ENTRY.contains(e.getKey()) && e.getValue().isIntegralNumber()) {
                counts.put(e.getKey(), e.getValue().asLong());
            }
        });
        Map<String, MetricResult.LabelValue> pl = new LinkedHashMap<>();
        n.path("per_label").fields().forEachRemaining(e -> {
            JsonNode x = e.getValue();
            pl.put(e.getKey(), new MetricResult.LabelValue(x.path("value").isNumber() ? x.path("value").asDouble() : null,
                    x.path("n_real").asLong(), x.path("n_synthetic").asLong(), x.path("reliable").asBoolean()));
        });
        // keys of params and details that this version does not know are ignored (the records say so)
        MetricParams params = n.has("params") ? Json.MAPPER.convertValue(n.get("params"), MetricParams.class) : null;
        MetricDetails details = n.has("details") ? Json.MAPPER.convertValue(n.get("details"), MetricDetails.class) : null;
        return new MetricResult(id, value, ci, std, counts, pl, strings(n.path("warnings")), params, details);
    }
}
