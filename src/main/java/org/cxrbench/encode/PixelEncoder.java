package org.cxrbench.encode;

import org.cxrbench.data.GreyImage;
import org.cxrbench.data.Resize;

/**
 * Built-in, weight-free encoder: the image centre-cropped to a square, area-resized to {@code size x size}, as a
 * vector of grey values in [0, 1]. A transparent pixel-space baseline (and the "downscaled pixel space" of
 * privacy checks), not a learned representation: domain-aware fidelity needs a learned encoder.
 */
public final class PixelEncoder implements Encoder {
    public static final int VERSION = 1;
    private final int size;

    public PixelEncoder(int size) {
        if (size < 2 || size > 256) {
            throw new IllegalArgumentException("pixel encoder size " + size + " outside 2..256");
        }
        this.size = size;
    }

    @Override
    public String name() {
        return "pixels" + size;
    }

    @Override
    public int dimension() {
        return size * size;
    }

    @Override
    public String fingerprint() {
        return "pixels;size=" + size + ";square=crop;resize=area;range=0-1;v" + VERSION;
    }

    @Override
    public double[] encode(GreyImage image) {
        GreyImage g = Resize.toSquare(image, size, Resize.Square.CROP, Resize.Filter.AREA);
        double[] out = new double[size * size];
        for (int i = 0; i < out.length; i++) {
            out[i] = g.pixels()[i];
        }
        return out;
    }
}
