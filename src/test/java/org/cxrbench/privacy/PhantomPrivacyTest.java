package org.cxrbench.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cxrbench.data.GreyImage;
import org.cxrbench.encode.PixelEncoder;
import org.cxrbench.linalg.Features;
import org.cxrbench.phantom.Generators;
import org.cxrbench.phantom.Renderer;
import org.cxrbench.phantom.Study;
import org.cxrbench.phantom.World;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Privacy checks find the phantom memorizer's planted copies, and stay quiet on the faithful generator. */
class PhantomPrivacyTest {
    static List<Study> train;
    static Features fTrain;
    static Features fHold;
    static final PixelEncoder ENC = new PixelEncoder(16);

    static Features encode(List<GreyImage> imgs) {
        return org.cxrbench.encode.Encoders.encodeAll(ENC, imgs);
    }

    @BeforeAll
    static void world() {
        train = World.cohort("train-", 0, 150, 2, 64);
        fTrain = encode(train.stream().map(s -> Renderer.render(s, 64).image()).toList());
        fHold = encode(World.cohort("hold-", 1, 150, 2, 64).stream().map(s -> Renderer.render(s, 64).image()).toList());
    }

    @Test
    void memorizerCopiesAreFoundWithFewFalseAlarms() {
        List<Generators.Output> mem = Generators.generate("memorizer(0.3)", train, 64, 0);
        PrivacyMetrics.Result r = PrivacyMetrics.compute(fTrain, encode(mem.stream().map(Generators.Output::image).toList()),
                fHold, PrivacyMetrics.Options.defaults());
        int copies = 0;
        int found = 0;
        int falseAlarms = 0;
        for (int i = 0; i < mem.size(); i++) {
            if (mem.get(i).copy()) {
                copies++;
                found += r.memorized()[i] ? 1 : 0;
                assertThat(r.nnTrainIndex()[i]).as("copy " + i + " points at its source").isEqualTo(mem.get(i).copiedTrainIndex());
            } else {
                falseAlarms += r.memorized()[i] ? 1 : 0;
            }
        }
        assertThat(copies).isGreaterThan(50);
        assertThat((double) found / copies).as("recall of planted copies").isGreaterThanOrEqualTo(0.95);
        assertThat((double) falseAlarms / (mem.size() - copies)).as("false alarms among non-copies").isLessThan(0.03);

        List<Generators.Output> faithful = Generators.generate("faithful", train, 64, 0);
        PrivacyMetrics.Result f = PrivacyMetrics.compute(fTrain,
                encode(faithful.stream().map(Generators.Output::image).toList()), fHold, PrivacyMetrics.Options.defaults());
        int fa = 0;
        for (boolean b : f.memorized()) {
            fa += b ? 1 : 0;
        }
        assertThat((double) fa / faithful.size()).as("false alarms on faithful").isLessThan(0.03);
        assertThat(r.stats().dcrMedian()).isLessThan(f.stats().dcrMedian());
    }

    @Test
    void reidVerifierSeparatesUnseenPatientsAndFlagsCopies() {
        String[] patients = train.stream().map(Study::patientId).toArray(String[]::new);
        ReidVerifier v = ReidVerifier.fit(fTrain, patients, 0);
        assertThat(v.validationAuc()).as("AUC on patients the verifier never saw").isGreaterThan(0.9);
        List<Generators.Output> mem = Generators.generate("memorizer(0.3)", train, 64, 0);
        Features fm = encode(mem.stream().map(Generators.Output::image).toList());
        int copiesJudgedSame = 0;
        int copies = 0;
        for (int i = 0; i < mem.size(); i++) {
            if (mem.get(i).copy()) {
                copies++;
                copiesJudgedSame += v.probability(fm, i, fTrain, mem.get(i).copiedTrainIndex()) > 0.5 ? 1 : 0;
            }
        }
        assertThat((double) copiesJudgedSame / copies).isGreaterThan(0.9);
        List<Generators.Output> faithful = Generators.generate("faithful", train, 64, 0);
        Features ff = encode(faithful.stream().map(Generators.Output::image).toList());
        PrivacyMetrics.Result r = PrivacyMetrics.compute(fTrain, ff, null, PrivacyMetrics.Options.defaults());
        int judged = 0;
        for (int i = 0; i < ff.n(); i++) {
            judged += v.probability(ff, i, fTrain, r.nnTrainIndex()[i]) > 0.5 ? 1 : 0;
        }
        assertThat((double) judged / ff.n()).as("faithful (new patients) judged the same patient").isLessThan(0.1);
    }

    @Test
    void fastSearchEqualsExactSearchWhateverTheThreads() {
        Features q = fHold.rows(0, 100);
        org.cxrbench.linalg.Knn.Result fast = org.cxrbench.linalg.Knn.searchFast(q, fTrain, 5);
        org.cxrbench.linalg.Knn.Result exact = org.cxrbench.linalg.Knn.search(q, fTrain, 5);
        assertThat(fast.indices()).containsExactly(exact.indices());
        assertThat(fast.distances()).containsExactly(exact.distances());
    }
}
