package org.cxrbench.utility;

import java.util.SplittableRandom;

/**
 * Training-time augmentation of one square grey image: a horizontal flip with probability 1/2 and a rotation by an
 * angle drawn uniformly in [-maxDegrees, maxDegrees] about the image centre (bilinear sampling, coordinates outside the
 * image clamped to the border). Draws come from the caller's seeded generator, two per image, in row order.
 */
final class Augment {
    private Augment() {}

    static void apply(float[] src, int srcOffset, int size, float[] dst, int dstOffset, double maxDegrees,
                      SplittableRandom rnd) {
        boolean flip = rnd.nextBoolean();
        double a = Math.toRadians((rnd.nextDouble() * 2 - 1) * maxDegrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double c = (size - 1) / 2.0;
        for (int yy = 0; yy < size; yy++) {
            for (int xx = 0; xx < size; xx++) {
                // inverse map: output pixel -> source coordinate (rotate back, then flip)
                double dx = xx - c;
                double dy = yy - c;
                double sx = cos * dx + sin * dy + c;
                double sy = -sin * dx + cos * dy + c;
                if (flip) {
                    sx = size - 1 - sx;
                }
                dst[dstOffset + yy * size + xx] = bilinear(src, srcOffset, size, sx, sy);
            }
        }
    }

    static float bilinear(float[] img, int off, int size, double x, double y) {
        x = Math.max(0, Math.min(size - 1, x));
        y = Math.max(0, Math.min(size - 1, y));
        int x0 = Math.min((int) x, size - 2);
        int y0 = Math.min((int) y, size - 2);
        double fx = x - x0;
        double fy = y - y0;
        int i = off + y0 * size + x0;
        double top = img[i] * (1 - fx) + img[i + 1] * fx;
        double bottom = img[i + size] * (1 - fx) + img[i + size + 1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }
}
