package org.cxrbench.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cxrbench.fidelity.FidelityMetrics;
import org.cxrbench.filter.FilterMetrics;
import org.cxrbench.filter.Verdict;
import org.cxrbench.linalg.Features;
import org.cxrbench.privacy.PrivacyMetrics;
import org.cxrbench.report.ConsoleReport;
import org.cxrbench.report.MetricInfo;
import org.cxrbench.stats.UtilityMetrics;
import org.cxrbench.utility.Condition;
import org.junit.jupiter.api.Test;

/** A metric is one declaration plus one function: the registry, the bound functions, the schema and the renderers agree. */
class MetricRegistryTest {
    static final Map<Family, MetricFunctions<?>> TABLES = Map.of(Family.FIDELITY, FidelityMetrics.functions(),
            Family.PRIVACY, PrivacyMetrics.functions(), Family.UTILITY, UtilityMetrics.functions(),
            Family.FILTER, FilterMetrics.functions());

    @Test
    void everyDeclaredIdHasExactlyOneFunction() {
        for (Family f : Family.values()) {
            List<String> declared = Metrics.of(f).stream().map(Metric::id).toList();
            assertThat(TABLES.get(f).family()).isEqualTo(f);
            assertThat(new ArrayList<>(TABLES.get(f).ids())).as(f.json()).isEqualTo(declared);
        }
    }

    @Test
    void aDeclaredIdWithoutAFunctionOrABindingTwiceFailsToBuild() {
        assertThatThrownBy(() -> MetricFunctions.<Object>builder(Family.FILTER).bind("kept", c -> null).build())
                .hasMessageContaining("declared without a function: removed");
        assertThatThrownBy(() -> MetricFunctions.<Object>builder(Family.FILTER).bind("kept", c -> null).bind("kept", c -> null))
                .hasMessageContaining("has two functions");
        assertThatThrownBy(() -> MetricFunctions.<Object>builder(Family.FILTER).bind("fid", c -> null))
                .hasMessageContaining("not a declared filter metric");
        assertThatThrownBy(() -> MetricFunctions.<Object>builder(Family.FIDELITY).bind("no_such_metric", c -> null))
                .hasMessageContaining("not a declared fidelity metric");
    }

    @Test
    void needsAreTheUnionOfTheRequestedDeclarations() {
        assertThat(FidelityMetrics.functions().needs(List.of("fid", "precision"))).containsExactlyInAnyOrder("gaussian", "knn_radii");
        assertThat(FidelityMetrics.functions().needs(List.of("kid"))).containsExactly("kid_subsets");
        assertThat(PrivacyMetrics.functions().needs(List.of("memorized"))).containsExactlyInAnyOrder("nn_train", "holdout");
    }

    static List<String> enumAt(JsonNode schema, String... path) {
        JsonNode n = schema;
        for (String p : path) {
            n = p.matches("\\d+") ? n.get(Integer.parseInt(p)) : n.path(p);
        }
        List<String> out = new ArrayList<>();
        n.path("enum").forEach(x -> out.add(x.asText()));
        return out;
    }

    @Test
    void configSchemaEnumsEqualTheRegistryAndTheEnums() throws Exception {
        JsonNode s = Json.MAPPER.readTree(Path.of("schema/config.schema.json").toFile());
        JsonNode metrics = s.path("properties").path("metrics").path("properties");
        assertThat(enumAt(metrics, "fidelity", "properties", "metrics", "else", "items"))
                .as("schema/config.schema.json: metrics.fidelity.metrics enum (copy the registry's ids)")
                .isEqualTo(Metrics.ids(Family.FIDELITY));
        assertThat(enumAt(metrics, "privacy", "properties", "metrics", "else", "items"))
                .as("schema/config.schema.json: metrics.privacy.metrics enum").isEqualTo(Metrics.ids(Family.PRIVACY));
        assertThat(enumAt(s, "properties", "filter", "properties", "remove", "else", "items"))
                .isEqualTo(Arrays.stream(Verdict.values()).map(Verdict::key).toList());
        assertThat(enumAt(s, "properties", "utility", "properties", "conditions", "else", "items"))
                .isEqualTo(Arrays.stream(Condition.Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
        assertThat(MetricInfo.VERDICTS).isEqualTo(Arrays.stream(Verdict.values()).map(Verdict::key).toList());
    }

    @Test
    void renderersTakeNamesAndTheHeadlineFromTheRegistry() {
        assertThat(MetricInfo.displayName("memorized_fraction")).isEqualTo("memorised fraction");
        assertThat(MetricInfo.displayName("f1_cardiomegaly")).isEqualTo("F1 cardiomegaly");
        assertThat(MetricInfo.PRIVACY_HEADLINE).isEqualTo(Metrics.headline(Family.PRIVACY));
        assertThat(Metrics.headline(Family.FIDELITY)).containsExactly("fid", "kid", "precision", "recall", "density", "coverage");
        assertThat(Metrics.get("exact_copies").isCount()).isTrue();
    }

    static Features gaussian(int n, int d, long seed, double shift) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() + shift;
        }
        return new Features(n, d, x);
    }

    /**
     * Adding a metric, proved with a test-only one (the squared distance between the two sets' means): one
     * declaration and one bound function; the table refuses to build without the function; once bound, the id is
     * accepted by --metrics, computed from the context, written with the declaration's direction and unit, and the
     * renderers print it under its display name in the headline tables. (The schema's enum and a card in metrics/
     * are the two further edits a shipped metric needs; the schema test above names the enum to extend.)
     */
    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aTestOnlyMetricNeedsOneDeclarationAndOneFunction() {
        Metric m = new Metric("mean_shift_test", Family.FIDELITY, Direction.LOWER, "squared feature distance",
                Set.of("features"), false, false, "metrics/fid.md", "squared distance of the means (test only)",
                "mean shift", true);
        try (Metrics.Scope ignored = Metrics.declareTemporarily(m)) {
            MetricFunctions.Builder<Features[]> b = MetricFunctions.builder(Family.FIDELITY);
            MetricFunctions<?> existing = FidelityMetrics.functions();
            for (String id : existing.ids()) {
                b.bind(id, (MetricFunction) existing.function(id));
            }
            assertThatThrownBy(b::build).hasMessageContaining("declared without a function: mean_shift_test");
            b.bind("mean_shift_test", p -> {
                double s = 0;
                for (int j = 0; j < p[0].d(); j++) {
                    double a = 0;
                    double c = 0;
                    for (int i = 0; i < p[0].n(); i++) {
                        a += p[0].get(i, j) / p[0].n();
                    }
                    for (int i = 0; i < p[1].n(); i++) {
                        c += p[1].get(i, j) / p[1].n();
                    }
                    s += (a - c) * (a - c);
                }
                return MetricResult.of("mean_shift_test", s, Map.of("n_real", (long) p[0].n(), "n_synthetic", (long) p[1].n()));
            });
            MetricFunctions<Features[]> table = b.build();
            assertThat(Metrics.parse("fid,mean_shift_test", Family.FIDELITY)).containsExactly("fid", "mean_shift_test");
            Features real = gaussian(200, 3, 1, 0);
            Features syn = gaussian(200, 3, 2, 1.0);
            Map<String, MetricResult> out = table.compute(List.of("mean_shift_test"), new Features[] {real, syn}, null);
            // each of 3 dimensions shifted by 1: the squared distance is 3 up to sampling noise (sd ~ 0.2)
            assertThat(out.get("mean_shift_test").value()).isBetween(2.0, 4.0);
            JsonNode json = out.get("mean_shift_test").toJson();
            assertThat(json.get("direction").asText()).isEqualTo("lower");
            assertThat(json.get("unit").asText()).isEqualTo("squared feature distance");
            assertThat(Metrics.headline(Family.FIDELITY)).contains("mean_shift_test");
            Map<String, Evaluation.GeneratorResult> gens = new LinkedHashMap<>();
            gens.put("g", new Evaluation.GeneratorResult(out, null, Map.of(), List.of(), ResultBlocks.NONE));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ConsoleReport.demoTables(new Evaluation(Map.of(), null, gens, List.of(), ResultBlocks.NONE,
                    Provenance.builder("test").build()), new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("mean shift↓");
        }
        assertThat(Metrics.find("mean_shift_test")).isNull();
    }
}
