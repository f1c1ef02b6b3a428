package org.cxrbench.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.GaussianStats;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real-vs-real noise floor is drawn like the generators' sets, so a generator that samples the real
 * distribution (faithful) lands within the floor's noise, and flawed ones land clearly above it.
 *
 * <p>The floor's noise is measured by redrawing it: {@value #DRAWS} patient-disjoint holdouts (other seeds) of the
 * training cohort's shape with its findings study by study ({@code labels: train}), each scored with FID on the
 * built-in cxr-cnn features against one training set of {@value #PATIENTS} patients x 2 studies; the faithful
 * generator is redrawn with as many seeds. Expected direction: |mean faithful - mean floor| below twice the floor's
 * redraw standard deviation (not better, not worse beyond its noise); every flawed generator above the highest floor
 * draw by more than that. A floor drawn with an independent label mix (labels: own, the old drawing) sits clearly
 * above faithful: that is the bias this test guards against.
 */
class NoiseFloorTest {
    static final int PATIENTS = 40;
    static final int DRAWS = 4;
    static final int SIZE = 64;
    static Encoder cnn;
    static List<Study> train;
    static GaussianStats real;

    @BeforeAll
    static void world() {
        cnn = Encoders.get("cxr-cnn");
        train = World.cohort("train-", 0, PATIENTS, 2, SIZE);
        real = GaussianStats.of(encodeStudies(train));
    }

    static Features encodeStudies(List<Study> s) {
        return Encoders.encodeAll(cnn, s.stream().map(x -> Renderer.render(x, SIZE).image()).toList());
    }

    static double fid(Features f) {
        return Fid.compute(real, GaussianStats.of(f), Fid.Route.SYMMETRIC).value();
    }

    static double fidOf(String generator, long seed) {
        return fid(Encoders.encodeAll(cnn, Generators.generate(generator, train, SIZE, seed).stream()
                .map(Generators.Output::image).toList()));
    }

    static double floor(long seed, boolean trainLabels) {
        List<Study> h = World.cohort("holdout-", seed, PATIENTS, 2, SIZE);
        return fid(encodeStudies(trainLabels ? World.withFindingsOf(h, train) : h));
    }

    static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    @Test
    void freshPatientsMirrorTheTrainingCohortsStudiesPerPatient() {
        // a training list with 1, 3 and 2 studies per patient, interleaved: the fresh cohort has the same shape
        List<Study> t = new ArrayList<>();
        List<Study> a = World.cohort("a", 5, 3, 3, SIZE);
        for (int i : new int[] {0, 3, 4, 6, 5, 7}) {
            t.add(a.get(i));
        }
        List<Study> f = Generators.freshCohort("g-", 9, t, SIZE);
        assertThat(f).hasSize(t.size());
        for (int i = 0; i < t.size(); i++) {
            for (int j = 0; j < t.size(); j++) {
                boolean samePatient = t.get(i).patientId().equals(t.get(j).patientId());
                assertThat(f.get(i).patientId().equals(f.get(j).patientId())).as(i + "," + j).isEqualTo(samePatient);
                assertThat(f.get(i).anatomy() == f.get(j).anatomy()).as(i + "," + j).isEqualTo(samePatient);
            }
            assertThat(f.get(i).patientId()).startsWith("g-");
        }
        assertThat(f.stream().map(Study::noiseSeed).distinct().count()).isEqualTo(t.size());
        // the floor's holdout takes the training findings study by study, and keeps its own patients
        List<Study> h = World.withFindingsOf(World.cohort("holdout-", 1, PATIENTS, 2, SIZE), train);
        for (int i = 0; i < h.size(); i++) {
            assertThat(h.get(i).findings()).isEqualTo(train.get(i).findings());
            assertThat(h.get(i).patientId()).startsWith("holdout-");
        }
    }

    @Test
    void faithfulIsWithinTheFloorsNoiseAndFlawedGeneratorsAreAboveIt() {
        double[] floor = new double[DRAWS];
        double[] own = new double[DRAWS];
        double[] faithful = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            floor[i] = floor(1 + i, true);
            own[i] = floor(1 + i, false);
            faithful[i] = fidOf("faithful", i);
        }
        double band = 2 * sd(floor);
        String seen = String.format("floor %s (mean %.3f, sd %.3f); labels: own %s (mean %.3f); faithful %s (mean %.3f)",
                java.util.Arrays.toString(floor), mean(floor), sd(floor), java.util.Arrays.toString(own), mean(own),
                java.util.Arrays.toString(faithful), mean(faithful));
        System.err.println(seen);
        assertThat(mean(faithful)).as(seen).isBetween(mean(floor) - band, mean(floor) + band);
        List<String> flawedSeen = new ArrayList<>();
        double top = java.util.Arrays.stream(floor).max().orElseThrow();
        for (String g : List.of("blurry(1.5)", "noisy(0.12)", "low-contrast(0.4)", "mode-collapse(3)", "off-topic(0.2)")) {
            double v = fidOf(g, 0);
            flawedSeen.add(g + " " + v);
            assertThat(v).as(g + " vs " + seen).isGreaterThan(top + band);
        }
        System.err.println(flawedSeen);
        // the old drawing (an independent label mix) inflates the floor beyond its noise: faithful would beat it
        assertThat(mean(own)).as(seen).isGreaterThan(mean(faithful) + band);
    }
}
