package org.cxrbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segmentation-set readers on fixtures in the sets' own CSV layouts, masks decoded by hand. Images are 8 wide x 6
 * high (not square, so a row/column mix-up shows).
 */
class MaskSetReaderTest {
    @TempDir Path dir;

    void image(String id) {
        ImageWriter.png8(new GreyImage(8, 6, new float[48], 8), dir.resolve("img").resolve(id + ".png"));
    }

    byte[] mask(Manifest m, int i, String name) {
        GreyImage g = ImageDecoder.decode(Path.of(m.get(i).masks().get(name)));
        assertThat(g.width()).isEqualTo(8);
        assertThat(g.height()).isEqualTo(6);
        byte[] b = new byte[48];
        for (int k = 0; k < 48; k++) {
            b[k] = (byte) Math.round(g.pixels()[k]);
        }
        return b;
    }

    static byte[] pixels(int[]... rowCol) {
        byte[] b = new byte[48];
        for (int[] p : rowCol) {
            b[p[0] * 8 + p[1]] = 1;
        }
        return b;
    }

    /**
     * SIIM's train-rle.csv (header with the space Kaggle's file has). Image a, row 1 "3 2 10 1": column-major flat
     * indices 3,4 (run 1), then 3+2+10 = 15 (run 2); with height 6, index k is row k % 6, column k / 6: (3,0), (4,0),
     * (3,2). Row 2 "0 1": index 0 = (0,0); the union holds all four. Image b: -1, no mask. Image c has no file.
     */
    @Test
    void siimRelativeColumnMajorRunLengthsUnitedPerImage() throws Exception {
        image("a");
        image("b");
        Path csv = dir.resolve("train-rle.csv");
        Files.writeString(csv, "ImageId, EncodedPixels\na, 3 2 10 1\nb, -1\na, 0 1\nc, 1 1\n");
        MaskSetReader.Result r = MaskSetReader.read(MaskSetReader.Format.SIIM, csv, dir.resolve("img"), dir.resolve("masks"),
                new MaskSetReader.Options(8, 6, 0));
        Manifest m = r.manifest();
        assertThat(m.size()).isEqualTo(2);
        assertThat(r.missingImages()).containsExactly("c");
        assertThat(m.get(0).id()).isEqualTo("a");
        assertThat(mask(m, 0, "pneumothorax")).containsExactly(pixels(new int[] {3, 0}, new int[] {4, 0},
                new int[] {3, 2}, new int[] {0, 0}));
        assertThat(m.get(0).labels().get(ChexpertLabel.PNEUMOTHORAX)).isEqualTo(Labels.POSITIVE);
        assertThat(mask(m, 1, "pneumothorax")).containsExactly(new byte[48]);
        assertThat(m.get(1).labels().get(ChexpertLabel.PNEUMOTHORAX)).isEqualTo(Labels.NEGATIVE);
        assertThat(m.get(1).labels().get(ChexpertLabel.CARDIOMEGALY)).isEqualTo(Labels.BLANK);
        // the manifest round-trips through its CSV with the mask paths
        m.write(dir.resolve("manifest.csv"));
        Manifest back = Manifest.read(dir.resolve("manifest.csv"));
        assertThat(back.resolve(back.get(0).masks().get("pneumothorax")))
                .isEqualTo(Path.of(m.get(0).masks().get("pneumothorax")));
    }

    /** CANDID-PTX's CSV; with origin 1 the same pixels as SIIM's "3 2 10 1" are written "4 2 10 1". */
    @Test
    void candidPtxRunLengthsWithEitherOrigin() {
        image("1.2.3");
        Path csv = dir.resolve("Pneumothorax_reports.csv");
        try {
            Files.writeString(csv, "SOPInstanceUID,EncodedPixels,Report\n1.2.3,4 2 10 1,\"Small right pneumothorax.\"\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Manifest m = MaskSetReader.read(MaskSetReader.Format.CANDID_PTX, csv, dir.resolve("img"), dir.resolve("m"),
                new MaskSetReader.Options(8, 6, 1)).manifest();
        assertThat(mask(m, 0, "pneumothorax")).containsExactly(pixels(new int[] {3, 0}, new int[] {4, 0}, new int[] {3, 2}));
    }

    /**
     * RSNA's boxes in a 16 x 12 original, images 8 x 6: box (x 4, y 2, w 6, h 4) covers columns 4..9, rows 2..5 of the
     * original; nearest-neighbour sampling at pixel centres (2x + 1, 2y + 1) keeps columns 2..4, rows 1..2. The second
     * box (0, 10, 2, 2) covers original (10..11, 0..1): image pixel (5, 0). Patient p2 has Target 0: empty mask.
     */
    @Test
    void rsnaBoxesUnitedAndResampled() throws Exception {
        image("p1");
        image("p2");
        Path csv = dir.resolve("stage_2_train_labels.csv");
        Files.writeString(csv, "patientId,x,y,width,height,Target\np1,4.0,2.0,6.0,4.0,1\np1,0,10,2,2,1\np2,,,,,0\n");
        Manifest m = MaskSetReader.read(MaskSetReader.Format.RSNA_PNEUMONIA, csv, dir.resolve("img"), dir.resolve("m"),
                new MaskSetReader.Options(16, 12, 0)).manifest();
        byte[] want = pixels(new int[] {1, 2}, new int[] {1, 3}, new int[] {1, 4}, new int[] {2, 2}, new int[] {2, 3},
                new int[] {2, 4}, new int[] {5, 0});
        assertThat(mask(m, 0, "pneumonia")).containsExactly(want);
        assertThat(m.get(0).labels().get(ChexpertLabel.PNEUMONIA)).isEqualTo(Labels.POSITIVE);
        assertThat(m.get(0).patientId()).isEqualTo("p1");
        assertThat(mask(m, 1, "pneumonia")).containsExactly(new byte[48]);
        assertThat(m.get(1).labels().get(ChexpertLabel.LUNG_OPACITY)).isEqualTo(Labels.NEGATIVE);
    }

    @Test
    void badRunLengthsNameTheRow() throws Exception {
        image("a");
        Path csv = dir.resolve("train-rle.csv");
        Files.writeString(csv, "ImageId,EncodedPixels\na,40 20\n");
        assertThatThrownBy(() -> MaskSetReader.read(MaskSetReader.Format.SIIM, csv, dir.resolve("img"), dir.resolve("m"),
                new MaskSetReader.Options(8, 6, 0))).isInstanceOf(BadInputException.class).hasMessageContaining("train-rle.csv:2:")
                .hasMessageContaining("8x6");
    }
}
