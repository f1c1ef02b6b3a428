package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.cxrbench.encode.PixelEncoder;
import org.cxrbench.linalg.Features;
import org.cxrbench.phantom.Generators;
import org.cxrbench.phantom.Renderer;
import org.cxrbench.phantom.Study;
import org.cxrbench.phantom.World;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Metrics on the phantom world's simulated generators move the way their definitions say they must. */
class ValidityTest {
    static List<Study> train;
    static Features real;
    static PixelEncoder enc = new PixelEncoder(16);
    static FidelityMetrics.Options opts = new FidelityMetrics.Options(new LinkedHashSet<>(FidelityMetrics.ALL), 5, 20,
            100, 0, 0, Fid.Route.SYMMETRIC, false);

    static Features encode(List<org.cxrbench.data.GreyImage> imgs) {
        return org.cxrbench.encode.Encoders.encodeAll(enc, imgs);
    }

    static Map<String, org.cxrbench.common.MetricResult> score(String gen) {
        List<Generators.Output> out = Generators.generate(gen, train, 64, 0);
        return FidelityMetrics.compute(real, encode(out.stream().map(Generators.Output::image).toList()), opts);
    }

    @BeforeAll
    static void world() {
        train = World.cohort("t", 0, 150, 2, 64);
        real = encode(train.stream().map(s -> Renderer.render(s, 64).image()).toList());
    }

    @Test
    void noiseRaisesFidAndKid() {
        Map<String, org.cxrbench.common.MetricResult> faithful = score("faithful");
        Map<String, org.cxrbench.common.MetricResult> noisy = score("noisy(0.15)");
        assertThat(noisy.get("fid").value()).isGreaterThan(2 * faithful.get("fid").value());
        assertThat(noisy.get("kid").value()).isGreaterThan(faithful.get("kid").value());
    }

    @Test
    void modeCollapseDropsRecallAndCoverageWhilePrecisionStaysHigh() {
        Map<String, org.cxrbench.common.MetricResult> faithful = score("faithful");
        Map<String, org.cxrbench.common.MetricResult> collapsed = score("mode-collapse(3)");
        assertThat(collapsed.get("recall").value()).isLessThan(faithful.get("recall").value() / 2);
        assertThat(collapsed.get("coverage").value()).isLessThan(faithful.get("coverage").value() / 2);
        assertThat(collapsed.get("precision").value()).isGreaterThan(0.8);
    }

    /**
     * Density of exact copies of the real set: each real ball holds its centre and its k-1 strictly nearer
     * neighbours under prdc's strict '<' (k in all), and also its k-th neighbour under '<=' (k+1). So density is
     * exactly 1 (strict) or (k+1)/k (inclusive) when there are no distance ties; precision, recall and coverage are 1.
     * A memorizer therefore does NOT raise density under the strict convention (the privacy checks catch it).
     */
    @Test
    void exactCopiesHaveDensityOneStrictAndKPlusOneOverKInclusive() {
        Features copy = real.rows(0, real.n());
        for (int k : new int[] {3, 5}) {
            Prdc.Result strict = Prdc.compute(real, copy, k, false);
            Prdc.Result incl = Prdc.compute(real, copy, k, true);
            assertThat(strict.density()).isEqualTo(1.0);
            assertThat(incl.density()).isEqualTo((k + 1.0) / k);
            assertThat(strict.precision()).isEqualTo(1.0);
            assertThat(strict.recall()).isEqualTo(1.0);
            assertThat(strict.coverage()).isEqualTo(1.0);
        }
    }

    @Test
    void perPathologyFidSinglesOutTheIgnoredLabel() {
        // 600 training images so that each finding has ~90 positives on each side
        List<Study> big = World.cohort("t", 0, 300, 2, 64);
        Features r = encode(big.stream().map(s -> Renderer.render(s, 64).image()).toList());
        byte[][] rl = big.stream().map(s -> org.cxrbench.phantom.PhantomDatasets.labels(s.findings()).toArray()).toArray(byte[][]::new);
        List<String> keys = java.util.Arrays.stream(org.cxrbench.data.ChexpertLabel.values()).map(org.cxrbench.data.ChexpertLabel::key).toList();
        Map<String, Double> ratio = new java.util.LinkedHashMap<>();
        Map<String, Map<String, Object>> fids = new java.util.LinkedHashMap<>();
        for (String g : List.of("faithful", "label-ignorant(cardiomegaly)")) {
            List<Generators.Output> out = Generators.generate(g, big, 64, 0);
            Features f = encode(out.stream().map(Generators.Output::image).toList());
            // the synthetic side is labelled with what was REQUESTED (the prompt), as for a real generator
            byte[][] sl = out.stream().map(o -> org.cxrbench.phantom.PhantomDatasets.labels(o.requested().findings()).toArray()).toArray(byte[][]::new);
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) org.cxrbench.common.Json.MAPPER.convertValue(
                    FidelityMetrics.perLabel(r, rl, f, sl, opts, keys).get("fid_per_label").toJson(), Map.class).get("value");
            fids.put(g, v);
        }
        for (String k : List.of("cardiomegaly", "pleural_effusion", "lung_lesion", "support_devices", "no_finding")) {
            ratio.put(k, (Double) fids.get("label-ignorant(cardiomegaly)").get(k) / (Double) fids.get("faithful").get(k));
        }
        String worst = ratio.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
        assertThat(worst).as("ratios " + ratio).isEqualTo("cardiomegaly");
        assertThat(ratio.get("cardiomegaly")).as("ratios " + ratio).isGreaterThan(2);
    }

    @Test
    void fidAndKidOnCxrCnnFeaturesRiseWithBlur() {
        org.cxrbench.encode.Encoder cnn = org.cxrbench.encode.Encoders.get("cxr-cnn");
        List<Study> t = train.subList(0, 200);
        java.util.function.Function<List<org.cxrbench.data.GreyImage>, Features> enc =
                imgs -> org.cxrbench.encode.Encoders.encodeAll(cnn, imgs);
        Features r = enc.apply(t.stream().map(s -> Renderer.render(s, 64).image()).toList());
        Map<String, org.cxrbench.common.MetricResult> faithful = FidelityMetrics.compute(r, enc.apply(Generators.generate("faithful", t, 64, 0)
                .stream().map(Generators.Output::image).toList()), opts.withMetrics(java.util.Set.of("fid", "kid")));
        Map<String, org.cxrbench.common.MetricResult> blurry = FidelityMetrics.compute(r, enc.apply(Generators.generate("blurry(1.5)", t, 64, 0)
                .stream().map(Generators.Output::image).toList()), opts.withMetrics(java.util.Set.of("fid", "kid")));
        assertThat(blurry.get("fid").value()).isGreaterThan(5 * faithful.get("fid").value());
        assertThat(blurry.get("kid").value()).isGreaterThan(faithful.get("kid").value() + 0.1);
    }

    @Test
    void frdOnBuiltInRadiomicsRisesWithBlurAndNoise() {
        org.cxrbench.encode.RadiomicsEncoder rad = new org.cxrbench.encode.RadiomicsEncoder(64);
        List<Study> t = train.subList(0, 160);
        java.util.function.Function<List<org.cxrbench.data.GreyImage>, Features> enc =
                imgs -> org.cxrbench.encode.Encoders.encodeAll(rad, imgs);
        Features r = enc.apply(t.stream().map(s -> Renderer.render(s, 64).image()).toList());
        double faithful = Frd.compute(r, enc.apply(Generators.generate("faithful", t, 64, 0).stream()
                .map(Generators.Output::image).toList())).value();
        double blurry = Frd.compute(r, enc.apply(Generators.generate("blurry(1.5)", t, 64, 0).stream()
                .map(Generators.Output::image).toList())).value();
        double noisy = Frd.compute(r, enc.apply(Generators.generate("noisy(0.12)", t, 64, 0).stream()
                .map(Generators.Output::image).toList())).value();
        assertThat(blurry).isGreaterThan(faithful + 1);
        assertThat(noisy).isGreaterThan(faithful + 1);
    }

    @Test
    void phantomIsDeterministicAndCardiomegalyHasCtrAboveHalf() {
        Study s = train.get(3);
        assertThat(Renderer.render(s, 64).image().pixels()).containsExactly(Renderer.render(s, 64).image().pixels());
        for (Study t : train) {
            Renderer.Rendered r = Renderer.render(t, 128);
            if (t.findings().contains(org.cxrbench.phantom.Finding.CARDIOMEGALY)) {
                assertThat(r.cardiothoracicRatio()).as(t.patientId()).isGreaterThan(0.5);
            } else {
                assertThat(r.cardiothoracicRatio()).as(t.patientId()).isLessThan(0.5);
            }
        }
    }

    @Test
    void inputOrderDoesNotChangeFidBeyondRoundOff() {
        Features syn = encode(Generators.generate("faithful", train, 64, 0).stream().map(Generators.Output::image).toList());
        int[] rev = new int[real.n()];
        for (int i = 0; i < rev.length; i++) {
            rev[i] = rev.length - 1 - i;
        }
        double a = Fid.compute(GaussianStats.of(real), GaussianStats.of(syn), Fid.Route.SYMMETRIC).value();
        double b = Fid.compute(GaussianStats.of(real.rows(rev)), GaussianStats.of(syn), Fid.Route.SYMMETRIC).value();
        assertThat(Math.abs(a - b)).isLessThan(1e-9 * Math.max(1, a));
        Prdc.Result p1 = Prdc.compute(real, syn, 5, false);
        Prdc.Result p2 = Prdc.compute(real.rows(rev), syn, 5, false);
        assertThat(p2.precision()).isEqualTo(p1.precision());
        assertThat(p2.recall()).isEqualTo(p1.recall());
        assertThat(p2.density()).isEqualTo(p1.density());
        assertThat(p2.coverage()).isEqualTo(p1.coverage());
    }
}
