package org.cxrbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.cxrbench.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir Path dir;

    @Test
    void sixteenBitPngKeepsItsPrecision() {
        GreyImage g = ImageDecoder.decode(Fixtures.grey16(dir.resolve("a.png"), 5, 4));
        assertThat(g.bitDepth()).isEqualTo(16);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                assertThat((double) g.get(x, y)).isCloseTo((257.0 * x + y + 1) / 65535.0, within(1e-7));
            }
        }
        // neighbouring 16-bit values stay distinct (an 8-bit round trip would merge them)
        assertThat(g.get(0, 0)).isNotEqualTo(g.get(0, 1));
    }

    @Test
    void eightBitGreyAndEqualChannelRgbDecodeAlike() {
        GreyImage g = ImageDecoder.decode(Fixtures.grey8(dir.resolve("g.png"), 6, 3, 10));
        BufferedImage rgb = new BufferedImage(6, 3, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 6; x++) {
                int v = (x * 255 / 5 + 10) % 256;
                rgb.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        ImageDecoder.Decoded c = ImageDecoder.decodeDetailed(Fixtures.write(rgb, dir.resolve("c.png")));
        assertThat(c.colour()).isFalse();
        assertThat(c.image().pixels()).containsExactly(g.pixels());
        assertThat(g.get(0, 0)).isEqualTo(10 / 255f);
    }

    @Test
    void jpegDecodes() {
        GreyImage g = ImageDecoder.decode(Fixtures.grey8(dir.resolve("a.jpg"), 32, 16, 0));
        assertThat(g.width()).isEqualTo(32);
        assertThat((double) g.get(31, 8)).isGreaterThan(0.9);
    }

    @Test
    void truncatedPngAndJpegAndGarbageAreBadInputNamingTheFile() {
        Path png = Fixtures.truncate(Fixtures.grey16(dir.resolve("t.png"), 64, 64), 200);
        assertThatThrownBy(() -> ImageDecoder.decode(png)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("t.png").hasMessageContaining("corrupt or truncated");
        Path jpg = Fixtures.truncate(Fixtures.grey8(dir.resolve("t.jpg"), 64, 64, 0), 300);
        assertThatThrownBy(() -> ImageDecoder.decode(jpg)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("t.jpg");
        Path junk = Fixtures.text(dir.resolve("j.png"), "this is not an image");
        assertThatThrownBy(() -> ImageDecoder.decode(junk)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("j.png");
        assertThatThrownBy(() -> ImageDecoder.decode(dir.resolve("missing.png"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing.png").hasMessageContaining("not found");
    }

    static GreyImage ramp(int w, int h) {
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = (float) ((x + 2 * y) / (double) (w + 2 * h));
            }
        }
        return new GreyImage(w, h, p, 8);
    }

    @Test
    void areaResizeAtIntegerFactorIsMeanPooling() {
        GreyImage img = ramp(8, 6);
        GreyImage s = Resize.resize(img, 4, 3, Resize.Filter.AREA);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                double m = (img.get(2 * x, 2 * y) + img.get(2 * x + 1, 2 * y) + img.get(2 * x, 2 * y + 1)
                        + img.get(2 * x + 1, 2 * y + 1)) / 4.0;
                assertThat((double) s.get(x, y)).isCloseTo(m, within(1e-6));
            }
        }
    }

    @Test
    void everyFilterKeepsConstantsAndAntiAliasedFiltersSuppressNyquist() {
        float[] c = new float[40 * 40];
        java.util.Arrays.fill(c, 0.3f);
        // a checkerboard at the Nyquist frequency: anti-aliased shrinking must give ~its mean (0.5)
        float[] chk = new float[40 * 40];
        for (int i = 0; i < chk.length; i++) {
            chk[i] = ((i % 40) + (i / 40)) % 2;
        }
        for (Resize.Filter f : Resize.Filter.values()) {
            GreyImage r = Resize.resize(new GreyImage(40, 40, c, 8), 13, 17, f);
            for (float v : r.pixels()) {
                assertThat((double) v).as(f.name()).isCloseTo(0.3, within(1e-6));
            }
            GreyImage k = Resize.resize(new GreyImage(40, 40, chk, 8), 13, 13, f);
            double maxDev = 0;
            for (float v : k.pixels()) {
                maxDev = Math.max(maxDev, Math.abs(v - 0.5));
            }
            if (f == Resize.Filter.BILINEAR_NAIVE) {
                assertThat(maxDev).as("naive bilinear aliases").isGreaterThan(0.2);
            } else {
                assertThat(maxDev).as(f.name() + " anti-aliased").isLessThan(0.1);
            }
        }
    }

    @Test
    void cropAndPadAreCentred() {
        GreyImage img = ramp(6, 4);
        GreyImage sq = Resize.toSquare(img, 4, Resize.Square.CROP, Resize.Filter.AREA);
        assertThat(sq.get(0, 0)).isEqualTo(img.get(1, 0));
        GreyImage pad = Resize.toSquare(img, 6, Resize.Square.PAD, Resize.Filter.AREA);
        assertThat(pad.get(0, 0)).isEqualTo(0f);
        assertThat(pad.get(0, 1)).isEqualTo(img.get(0, 0));
    }
}
