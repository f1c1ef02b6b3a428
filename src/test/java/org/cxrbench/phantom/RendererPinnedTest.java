package org.cxrbench.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The phantom's pixels and masks, bit for bit: every demo number starts from these images, so a change to the
 * renderer must be a deliberate one (then update the pinned digest, and say so in the commit). The digest was
 * computed on commit a7b183e (before the renderer's single 233-line method was split into per-structure steps);
 * the cases cover every finding at once, none, and a seeded cohort's own mixes, at an even and an odd size.
 */
class RendererPinnedTest {
    static final String GENERATORS_PINNED = "71e30e1a4b6b714303986ecb2ec51c3fa9b05eee007bf336aec9333ea6173fe3";
    static final String PINNED = "4140c3dc7d5a9a3b2f81d63f844b1b4fbad5499959496158af09796a95646b65";

    static List<Study> cases(int size) {
        List<Study> out = new ArrayList<>();
        for (Study s : World.cohort("pin-", 11, 5, 2, size)) {
            out.add(s);
            for (var findings : List.of(EnumSet.allOf(Finding.class), EnumSet.noneOf(Finding.class))) {
                out.add(new Study(s.patientId(), s.studyIndex(), s.anatomy(), findings, s.shiftX(), s.shiftY(),
                        s.exposure(), s.noise(), s.side(), s.noiseSeed()));
            }
        }
        return out;
    }

    static String digest() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int size : new int[] {64, 45}) {
            for (Study s : cases(size)) {
                Renderer.Rendered r = Renderer.render(s, size);
                float[] px = r.image().pixels();
                ByteBuffer b = ByteBuffer.allocate(px.length * 4 + 8);
                for (float v : px) {
                    b.putInt(Float.floatToRawIntBits(v));
                }
                b.putLong(Double.doubleToRawLongBits(r.cardiothoracicRatio()));
                md.update(b.array());
                md.update(r.leftLung());
                md.update(r.rightLung());
                md.update(r.heart());
                md.update(r.finding());
                for (Map.Entry<Finding, byte[]> e : r.findingMasks().entrySet()) {
                    md.update(e.getKey().name().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    md.update(e.getValue());
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Every generator's outputs on a seeded cohort (pixels, rendered findings, copies, off-topic kinds, masks). */
    static String generatorsDigest() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        List<Study> train = World.cohort("gpin-", 5, 6, 2, 40);
        for (String spec : List.of("faithful", "memorizer(0.5)", "mode-collapse", "blurry", "noisy", "low-contrast",
                "label-ignorant", "label-ignorant(edema)", "off-topic(0.5)", "mask-conditioned")) {
            for (Generators.Output o : Generators.generate(spec, train, 40, 3)) {
                float[] px = o.image().pixels();
                ByteBuffer b = ByteBuffer.allocate(px.length * 4);
                for (float v : px) {
                    b.putInt(Float.floatToRawIntBits(v));
                }
                md.update(b.array());
                md.update((o.rendered() + "|" + o.copy() + "|" + o.copiedTrainIndex() + "|" + o.offTopic())
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                if (o.conditionMask() != null) {
                    md.update(o.conditionMask());
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void everyGeneratorsOutputsAreThePinnedOnes() throws Exception {
        assertThat(generatorsDigest()).isEqualTo(GENERATORS_PINNED);
    }

    @Test
    void renderedPixelsAndMasksAreThePinnedOnes() throws Exception {
        assertThat(digest()).isEqualTo(PINNED);
    }
}
