package org.cxrbench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.cxrbench.phantom.Finding;
import org.cxrbench.phantom.Generators;
import org.cxrbench.phantom.Renderer;
import org.cxrbench.phantom.Study;
import org.cxrbench.phantom.World;
import org.junit.jupiter.api.Test;

/** The phantom world: determinism, masks consistent with labels, and each generator's ground-truth bookkeeping. */
class PhantomTest {
    static double centroidY(byte[] m, int size) {
        double s = 0;
        int c = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] == 1) {
                s += i / size;
                c++;
            }
        }
        return c == 0 ? Double.NaN : s / c / size;
    }

    static int count(byte[] m) {
        int c = 0;
        for (byte b : m) {
            c += b;
        }
        return c;
    }

    @Test
    void sameSeedSamePixelsAtAnySizeAndEveryStudyOfAPatientSharesTheAnatomy() {
        List<Study> a = World.cohort("p", 3, 5, 3, 96);
        List<Study> b = World.cohort("p", 3, 5, 3, 96);
        for (int i = 0; i < a.size(); i++) {
            assertThat(Renderer.render(a.get(i), 96).image().pixels()).containsExactly(Renderer.render(b.get(i), 96).image().pixels());
            assertThat(a.get(i).anatomy()).isEqualTo(a.get(i - i % 3).anatomy());
        }
        for (int size : new int[] {64, 128, 512}) {
            assertThat(Renderer.render(a.get(0), size).image().width()).isEqualTo(size);
        }
        assertThat(a.get(0).anatomy()).isNotEqualTo(a.get(3).anatomy());
    }

    @Test
    void everyFindingHasAMaskOnlyWhenPresentAndMasksSitWhereTheyShould() {
        for (Finding f : Finding.values()) {
            for (int p = 0; p < 6; p++) {
                Study s = World.cohort("m", p, 1, 1, 128).get(0);
                Study with = new Study(s.patientId(), 0, s.anatomy(), EnumSet.of(f), s.shiftX(), s.shiftY(), s.exposure(),
                        s.noise(), 128, s.noiseSeed());
                Renderer.Rendered r = Renderer.render(with, 128);
                assertThat(r.findingMasks()).as(f + " patient " + p).containsOnlyKeys(f);
                assertThat(count(r.findingMasks().get(f))).as(f + " mask size").isPositive();
                if (f == Finding.PLEURAL_EFFUSION) {
                    byte[] lung = r.rightLung(); // the image's right half is the patient's left lung
                    double lungY = centroidY(lung, 128);
                    double effY = centroidY(r.findingMasks().get(f), 128);
                    assertThat(effY).as("effusion at the lung base").isGreaterThan(lungY + 0.1);
                    for (int i = 0; i < lung.length; i++) {
                        if (r.findingMasks().get(f)[i] == 1) {
                            assertThat(lung[i]).as("effusion inside the lung field").isEqualTo((byte) 1);
                        }
                    }
                }
                if (f == Finding.CARDIOMEGALY) {
                    assertThat(r.cardiothoracicRatio()).isGreaterThan(0.5);
                }
            }
        }
        Renderer.Rendered normal = Renderer.render(World.cohort("n", 1, 1, 1, 128).get(0).anatomy() == null ? null
                : new Study("n", 0, World.cohort("n", 1, 1, 1, 128).get(0).anatomy(), EnumSet.noneOf(Finding.class), 0, 0, 1,
                0.02, 128, 5), 128);
        assertThat(normal.findingMasks()).isEmpty();
        assertThat(normal.cardiothoracicRatio()).isBetween(0.3, 0.5);
        assertThat(count(normal.leftLung())).isPositive();
        assertThat(count(normal.heart())).isPositive();
    }

    @Test
    void opacitiesSetLungOpacityAndNoFindingIsExclusive() {
        Labels l = org.cxrbench.phantom.PhantomDatasets.labels(EnumSet.of(Finding.EDEMA));
        assertThat(l.get(ChexpertLabel.EDEMA)).isEqualTo(Labels.POSITIVE);
        assertThat(l.get(ChexpertLabel.LUNG_OPACITY)).isEqualTo(Labels.POSITIVE);
        assertThat(l.get(ChexpertLabel.NO_FINDING)).isEqualTo(Labels.NEGATIVE);
        Labels none = org.cxrbench.phantom.PhantomDatasets.labels(EnumSet.noneOf(Finding.class));
        assertThat(none.get(ChexpertLabel.NO_FINDING)).isEqualTo(Labels.POSITIVE);
        assertThat(none.get(ChexpertLabel.PLEURAL_OTHER)).isEqualTo(Labels.NEGATIVE);
    }

    @Test
    void generatorsRecordWhatTheyDid() {
        List<Study> train = World.cohort("t", 0, 200, 1, 64);
        List<Generators.Output> mem = Generators.generate("memorizer(0.25)", train, 64, 0);
        long copies = mem.stream().filter(Generators.Output::copy).count();
        assertThat(copies).isBetween(30L, 70L);
        mem.stream().filter(Generators.Output::copy).forEach(o -> assertThat(o.requested()).isSameAs(train.get(o.copiedTrainIndex())));

        List<Generators.Output> off = Generators.generate("off-topic(0.3)", train, 64, 0);
        long offTopic = off.stream().filter(o -> o.offTopic() != null).count();
        assertThat(offTopic).isBetween(40L, 80L);
        assertThat(off.stream().filter(o -> o.offTopic() != null).map(Generators.Output::offTopic).distinct())
                .containsExactlyInAnyOrder("blank", "noise", "skull");

        for (Generators.Output o : Generators.generate("label-ignorant(cardiomegaly)", train, 64, 0)) {
            assertThat(o.rendered()).doesNotContain(Finding.CARDIOMEGALY);
            EnumSet<Finding> rest = EnumSet.copyOf(o.requested().findings().isEmpty() ? EnumSet.noneOf(Finding.class)
                    : o.requested().findings());
            rest.remove(Finding.CARDIOMEGALY);
            assertThat(o.rendered()).isEqualTo(rest);
        }
        List<Generators.Output> ignorant = Generators.generate("label-ignorant", train, 64, 0);
        assertThat(ignorant.stream().filter(o -> !o.rendered().equals(o.requested().findings())).count()).isGreaterThan(100);

        for (Generators.Output o : Generators.generate("mask-conditioned", train.subList(0, 20), 64, 0)) {
            assertThat(count(o.conditionMask())).isPositive();
        }
        List<Generators.Output> collapsed = Generators.generate("mode-collapse(3)", train, 64, 0);
        assertThat(collapsed).allMatch(o -> o.rendered().equals(o.requested().findings()));
        List<Generators.Output> flat = Generators.generate("low-contrast(0.5)", train.subList(0, 20), 64, 0);
        assertThat(flat).hasSize(20);
        // contrast(f) maps p to 0.5 + f (p - 0.5), so the pixel sd scales by exactly f: the outputs' mean sd must
        // be about half the faithful generator's (different fresh patients, hence the 0.4-0.6 band)
        double faithfulSd = Generators.generate("faithful", train.subList(0, 20), 64, 0).stream()
                .mapToDouble(o -> sd(o.image().pixels())).average().orElseThrow();
        double flatSd = flat.stream().mapToDouble(o -> sd(o.image().pixels())).average().orElseThrow();
        assertThat(flatSd / faithfulSd).isBetween(0.4, 0.6);
        float[] src = flat.get(0).image().pixels();
        float[] flatter = Generators.contrast(flat.get(0).image(), 0.5).pixels();
        assertThat(sd(flatter)).isCloseTo(0.5 * sd(src), org.assertj.core.api.Assertions.within(1e-6));
    }

    private static double sd(float[] p) {
        double m = 0;
        for (float v : p) {
            m += v;
        }
        m /= p.length;
        double ss = 0;
        for (float v : p) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / p.length);
    }

    @Test
    void unknownGeneratorIsBadInput() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Generators.generate("wobbly", List.of(), 64, 0))
                .isInstanceOf(org.cxrbench.common.BadInputException.class).hasMessageContaining("faithful");
    }
}
