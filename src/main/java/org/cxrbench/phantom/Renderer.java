package org.cxrbench.phantom;

import java.util.SplittableRandom;
import org.cxrbench.data.GreyImage;

/**
 * Procedural frontal chest radiograph: body outline, two lung fields with vessel-like texture, heart and
 * mediastinum, diaphragm domes with costophrenic angles, ribs and clavicles, soft-tissue and quantum noise.
 * Bright = dense (bone, heart, fluid), as on a radiograph. Deterministic: plain double arithmetic in a fixed order,
 * one seeded stream per study.
 */
public final class Renderer {
    private Renderer() {}

    /**
     * The image and its 0/1 masks (row-major, same size): lungs, heart, and one region per rendered finding
     * ({@code findingMasks}; {@code finding} is their union).
     */
    public record Rendered(GreyImage image, byte[] leftLung, byte[] rightLung, byte[] heart, byte[] finding,
                           java.util.Map<Finding, byte[]> findingMasks, double cardiothoracicRatio) {}

    /** Renders one study: {@link Scene} shades each pixel, then exposure and quantum noise, then the masks' union. */
    public static Rendered render(Study s, int size) {
        Scene sc = new Scene(s, size);
        for (int yi = 0; yi < size; yi++) {
            for (int xi = 0; xi < size; xi++) {
                sc.px[yi * size + xi] = (float) sc.shade(xi, yi);
            }
        }
        // exposure and quantum noise
        double gain = s.exposure();
        float[] px = sc.px;
        for (int i = 0; i < sc.n; i++) {
            double v = px[i] * gain + s.noise() * gaussian(sc.rnd);
            px[i] = (float) clamp01(v);
        }
        if (sc.cardio) {
            sc.fm.put(Finding.CARDIOMEGALY, sc.heart.clone()); // the enlarged heart is the finding's region
        }
        byte[] finding = new byte[sc.n];
        for (byte[] m : sc.fm.values()) {
            for (int i = 0; i < sc.n; i++) {
                finding[i] |= m[i];
            }
        }
        double ctr = ctr(sc.heart, sc.left, sc.right, size);
        return new Rendered(new GreyImage(size, size, px, 8), sc.left, sc.right, sc.heart, finding, sc.fm, ctr);
    }

    /** Cardiothoracic ratio measured on the masks: widest heart extent over widest thoracic (lungs + heart) extent. */
    public static double ctr(byte[] heart, byte[] left, byte[] right, int size) {
        int hMin = size;
        int hMax = -1;
        int tMin = size;
        int tMax = -1;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                if (heart[i] == 1) {
                    hMin = Math.min(hMin, x);
                    hMax = Math.max(hMax, x);
                }
                if (left[i] == 1 || right[i] == 1 || heart[i] == 1) {
                    tMin = Math.min(tMin, x);
                    tMax = Math.max(tMax, x);
                }
            }
        }
        return hMax < 0 || tMax <= tMin ? 0 : (hMax - hMin + 1.0) / (tMax - tMin + 1.0);
    }

    /** sqrt(a² + b²): Math.sqrt is correctly rounded (IEEE 754), so this is reproducible on every JVM. */
    static double hyp(double a, double b) {
        return Math.sqrt(a * a + b * b);
    }

    static double clamp01(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    /** Box–Muller from a seeded stream (StrictMath keeps it bit-reproducible across JVMs). */
    static double gaussian(SplittableRandom r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }

    /** The seeded directions of a lung's vessels (radians). */
    static double[] spokes(long seed) {
        double[] d = new double[14];
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int k = 0; k < d.length; k++) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            d[k] = ((h >>> 11) & 0xFFFFF) / (double) 0x100000 * 2 * Math.PI;
        }
        return d;
    }

    /**
     * Pulmonary vessels radiating from the hilum along the given directions (fanning up, out and down): each a line
     * whose width and density taper with the distance from the hilum.
     */
    static double radialVessels(double rx, double ry, double[] dirs) {
        double r = hyp(rx, ry);
        if (r < 1e-6) {
            return 1;
        }
        double fade = 1 - r / 0.4;
        if (fade <= 0) {
            return 0;
        }
        double theta = StrictMath.atan2(ry, rx);
        double width = 0.012 * Math.max(0.25, 1 - r / 0.35);
        double best = 0;
        for (double dir : dirs) {
            double dist = Math.abs(StrictMath.IEEEremainder(theta - dir, 2 * Math.PI)) * r;
            if (dist < 3 * width) { // beyond three widths the line adds < 1.2%
                best = Math.max(best, StrictMath.exp(-(dist * dist) / (2 * width * width)));
            }
        }
        return best * fade;
    }

    /**
     * {@link #vesselTexture} for one image's pixel grid, with sin(A + B) = sin A cos B + cos A sin B: A depends on the
     * column and B on the row only, so each is tabulated once per image instead of four sines per pixel.
     */
    static final class VesselTable {
        private final double[][] colS;
        private final double[][] colC;
        private final double[][] rowS;
        private final double[][] rowC;

        VesselTable(long seed, int size, double shiftY) {
            colS = new double[4][size];
            colC = new double[4][size];
            rowS = new double[4][size];
            rowC = new double[4][size];
            double[][] w = waves(seed);
            for (int k = 0; k < 4; k++) {
                double ang = w[k][0];
                double freq = w[k][1];
                double ph = w[k][2];
                for (int i = 0; i < size; i++) {
                    double x = (i + 0.5) / size;
                    double y = (i + 0.5) / size - shiftY;
                    double a = freq * x * StrictMath.cos(ang);
                    double b = freq * y * StrictMath.sin(ang) + ph;
                    colS[k][i] = StrictMath.sin(a);
                    colC[k][i] = StrictMath.cos(a);
                    rowS[k][i] = StrictMath.sin(b);
                    rowC[k][i] = StrictMath.cos(b);
                }
            }
        }

        double at(int xi, int yi, double medial) {
            double s = 0;
            for (int k = 0; k < 4; k++) {
                double t = colS[k][xi] * rowC[k][yi] + colC[k][xi] * rowS[k][yi];
                double t2 = t * t;
                s += t2 * t2;
            }
            return Math.min(1, s / 4 * (0.4 + 0.8 * medial));
        }
    }

    /** Branching vessel-like markings: sums of oriented sinusoids from the patient's seed, fading laterally. */
    static double vesselTexture(double x, double y, long seed, double medial) {
        double s = 0;
        for (double[] w : waves(seed)) {
            double t = StrictMath.sin(w[1] * (x * StrictMath.cos(w[0]) + y * StrictMath.sin(w[0])) + w[2]);
            s += t * t * t * t;
        }
        return Math.min(1, s / 4 * (0.4 + 0.8 * medial));
    }

    /** The four seeded waves of the lung texture: {angle, frequency, phase} each. */
    static double[][] waves(long seed) {
        double[][] w = new double[4][];
        long h = seed;
        for (int k = 0; k < 4; k++) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            w[k] = new double[] {((h >>> 11) & 0xFFFF) / 65536.0 * Math.PI, 18 + 10 * (((h >>> 27) & 0xFF) / 256.0),
                ((h >>> 40) & 0xFFFF) / 65536.0 * 2 * Math.PI};
        }
        return w;
    }

    /**
     * An airspace opacity (consolidation, pneumonia): 1 - r inside the unit ellipse (ex, ey), mottled by the lung
     * texture at {@code texScale} times the lung's frequency; 0 outside.
     */
    static double airspacePatch(double ex, double ey, double x, double y, double texScale, long texSeed, double base) {
        double r = hyp(ex, ey);
        return r < 1 ? (1 - r) * (base + (1 - base) * vesselTexture(x * texScale, y * texScale, texSeed, 1)) : 0;
    }
}
