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

    private static void mark(java.util.Map<Finding, byte[]> m, Finding f, int idx, int n) {
        m.computeIfAbsent(f, k -> new byte[n])[idx] = 1;
    }

    public static Rendered render(Study s, int size) {
        Anatomy a = s.anatomy();
        int n = size * size;
        float[] px = new float[n];
        byte[] left = new byte[n];
        byte[] right = new byte[n];
        byte[] heart = new byte[n];
        byte[] finding = new byte[n];
        java.util.Map<Finding, byte[]> fm = new java.util.EnumMap<>(Finding.class);
        boolean cardio = s.findings().contains(Finding.CARDIOMEGALY);
        boolean wideMediastinum = s.findings().contains(Finding.ENLARGED_CARDIOMEDIASTINUM);
        double heartHalf = cardio ? a.thoraxHalfWidth() * 0.62 : a.heartHalfWidth();
        double cx = 0.5 + s.shiftX();
        SplittableRandom rnd = new SplittableRandom(s.noiseSeed());
        // finding geometry, drawn once per study
        double lesX = 0.5 + (rnd.nextBoolean() ? -1 : 1) * (a.lungHalfGap() + a.lungWidth() * (0.3 + 0.4 * rnd.nextDouble()));
        double lesY = a.lungTop() + (a.lungBottom() - a.lungTop()) * (0.25 + 0.4 * rnd.nextDouble());
        double lesR = 0.025 + 0.03 * rnd.nextDouble();
        double conX = 0.5 + (rnd.nextBoolean() ? -1 : 1) * (a.lungHalfGap() + a.lungWidth() * 0.5);
        double conY = a.lungTop() + (a.lungBottom() - a.lungTop()) * (0.5 + 0.3 * rnd.nextDouble());
        double effLevel = a.lungBottom() - (0.08 + 0.1 * rnd.nextDouble());
        boolean ptxRight = rnd.nextBoolean();
        double ptxDepth = 0.05 + 0.05 * rnd.nextDouble();
        double pnaX = 0.5 - (a.lungHalfGap() + a.lungWidth() * 0.45);   // pneumonia: patient's right lower zone
        double pnaY = a.lungTop() + (a.lungBottom() - a.lungTop()) * 0.72;
        double ateY = a.lungTop() + (a.lungBottom() - a.lungTop()) * (0.55 + 0.2 * rnd.nextDouble());
        // the broken rib: one of those crossing the lung field at the break's x, so the break is always drawn
        double fxAdx = a.lungHalfGap() + a.lungWidth() * 0.75;
        double fxCurve = 0.06 * StrictMath.cos(Math.PI * clamp01(fxAdx / a.thoraxHalfWidth()));
        int ribLo = (int) Math.floor((a.lungTop() + 0.1 - fxCurve) / a.ribSpacing() + a.ribPhase()) + 1;
        int ribHi = (int) Math.floor((a.lungBottom() - 0.12 - fxCurve) / a.ribSpacing() + a.ribPhase());
        int fxRib = ribLo + rnd.nextInt(Math.max(1, ribHi - ribLo + 1));
        boolean fxLeft = rnd.nextBoolean();
        long tex = a.textureSeed();
        double[] spokesL = spokes(tex + 1);
        double[] spokesR = spokes(tex + 2);
        VesselTable vt = new VesselTable(tex, size, s.shiftY());
        double[] ribCos = new double[size]; // the rib curve's horizontal term depends on the column only
        for (int xi = 0; xi < size; xi++) {
            double adx0 = Math.abs((xi + 0.5) / size - cx);
            ribCos[xi] = 0.06 * StrictMath.cos(Math.PI * clamp01(adx0 / a.thoraxHalfWidth()));
        }
        double ribPhase = a.ribPhase();
        double gain = s.exposure();
        for (int yi = 0; yi < size; yi++) {
            double y = (yi + 0.5) / size - s.shiftY();
            for (int xi = 0; xi < size; xi++) {
                double x = (xi + 0.5) / size;
                double dx = x - cx;
                double adx = Math.abs(dx);
                int idx = yi * size + xi;
                // body: soft tissue ellipse
                double body = (dx * dx) / (a.bodyHalfWidth() * a.bodyHalfWidth())
                        + ((y - 0.55) * (y - 0.55)) / (0.62 * 0.62);
                double v = body < 1 ? 0.42 + 0.08 * Math.sqrt(Math.max(0, 1 - body)) : 0.04;
                // diaphragm dome height at this x (higher on the patient's right = image left)
                boolean imageLeft = dx < 0;
                double domeBase = a.lungBottom() + (imageLeft ? -0.015 : 0.0);
                double inLungX = (adx - a.lungHalfGap()) / a.lungWidth(); // 0 at medial edge, 1 at lateral edge
                double dome = domeBase - a.diaphragmDome() * StrictMath.sin(Math.PI * clamp01(inLungX));
                double medialEdge = wideMediastinum && y < a.heartTop() ? 0.05 / a.lungWidth() : 0;
                boolean inLung = body < 1 && inLungX > medialEdge && inLungX < 1 && y > a.lungTop() + 0.06 * inLungX * inLungX
                        && y < dome + 0.04 * inLungX * inLungX * inLungX; // costophrenic angle reaches lower laterally
                // heart: an oblique ellipse (long axis tilted down toward the patient's left, the image right), its
                // apex on the left hemidiaphragm and a smaller right border bulging past the spine
                double hcy = (a.heartTop() + domeBase) / 2 + 0.01;
                double ux = dx - a.heartCenterX();
                double uy = y - hcy;
                double tilt = 0.45;
                double rx = ux * Math.cos(tilt) - uy * Math.sin(tilt);
                double ry = ux * Math.sin(tilt) + uy * Math.cos(tilt);
                double hx = rx / heartHalf;
                double hy = ry / ((domeBase - a.heartTop()) / 2 * 0.9);
                boolean inHeart = hx * hx + hy * hy < 1;
                double halfGap = a.lungHalfGap() + (wideMediastinum && y < a.heartTop() ? 0.05 : 0);
                boolean inMediastinum = adx < halfGap + 0.01 && y > 0.05 && y < domeBase;
                if (inLung && !inHeart) {
                    double hilX = cx + (imageLeft ? -1 : 1) * (a.lungHalfGap() + 0.03);
                    double vessels = 0.55 * vt.at(xi, yi, 1 - inLungX)
                            + radialVessels(x - hilX, y - (a.heartTop() + 0.02), imageLeft ? spokesL : spokesR);
                    // hila: denser vessels and bronchi where they enter the lungs, fading within a few cm
                    double hil = hyp((inLungX - 0.05) / 0.35, (y - (a.heartTop() + 0.02)) / 0.12);
                    v = 0.14 + 0.10 * vessels + (hil < 1 ? 0.12 * (1 - hil) * (1 - hil) : 0);
                    if (imageLeft) {
                        left[idx] = 1;
                    } else {
                        right[idx] = 1;
                    }
                    // pneumothorax: lateral rim with no markings, a thin visceral pleural line
                    if (s.findings().contains(Finding.PNEUMOTHORAX) && (ptxRight != imageLeft) && inLungX > 1 - ptxDepth * 4
                            && y < a.lungTop() + (a.lungBottom() - a.lungTop()) * 0.6) {
                        v = inLungX < 1 - ptxDepth * 4 + 0.03 ? 0.32 : 0.07;
                        mark(fm, Finding.PNEUMOTHORAX, idx, n);
                    }
                } else if (inLung) {
                    if (imageLeft) {
                        left[idx] = 1;
                    } else {
                        right[idx] = 1;
                    }
                }
                // aortic knob: the arch bulging to the patient's left above the heart
                double knob = hyp((dx - (a.lungHalfGap() + 0.012)) / 0.03, (y - (a.heartTop() - 0.06)) / 0.025);
                if (knob < 1 && body < 1) {
                    v = Math.max(v, 0.6);
                    if (inLung) {
                        if (imageLeft) {
                            left[idx] = 0;
                        } else {
                            right[idx] = 0;
                        }
                    }
                }
                if (inHeart && body < 1 && y < domeBase + 0.02) {
                    v = Math.max(v, 0.62 + 0.05 * (1 - hx * hx - hy * hy));
                    heart[idx] = 1;
                }
                if (inMediastinum && !inHeart) {
                    // mediastinum and spine, with the trachea as a dark air column in the neck and upper chest;
                    // vertebral bodies show as a slightly denser column interrupted by disc spaces
                    v = Math.max(v, 0.56);
                    if (adx < 0.035) {
                        double disc = ((y - 0.02) / 0.045) % 1.0;
                        v += disc < 0.18 ? -0.03 : 0.03;
                    }
                    if (adx < 0.014 && y < a.heartTop() - 0.05) {
                        v = 0.34;
                    }
                    if (wideMediastinum && adx > a.lungHalfGap() + 0.01) {
                        mark(fm, Finding.ENLARGED_CARDIOMEDIASTINUM, idx, n);
                    }
                }
                // below the diaphragm: abdomen
                if (body < 1 && !inLung && inLungX > -0.1 && y >= dome) {
                    v = Math.max(v, 0.55);
                }
                // ribs: curved bright bands inside the thorax, clavicles near the apex
                if (body < 1 && adx < a.thoraxHalfWidth() + 0.03 && y > 0.1 && y < domeBase) {
                    double curve = y - ribCos[xi];
                    double phase = (curve / a.ribSpacing() + ribPhase) % 1.0;
                    int ribNo = (int) Math.floor(curve / a.ribSpacing() + ribPhase);
                    boolean gap = s.findings().contains(Finding.FRACTURE) && ribNo == fxRib && (dx < 0) == fxLeft
                            && Math.abs(adx - fxAdx) < 0.012;
                    if (phase < 0.22 && adx > a.lungHalfGap() * 0.6) {
                        if (gap) {
                            mark(fm, Finding.FRACTURE, idx, n); // a cortical break: the rib is interrupted here
                        } else {
                            v += 0.10 * (1 - Math.abs(phase - 0.11) / 0.11);
                        }
                    }
                    double clav = y - (a.lungTop() - 0.02 + 0.08 * adx);
                    if (Math.abs(clav) < 0.012 && adx < a.thoraxHalfWidth() * 0.8 && adx > 0.03) {
                        v += 0.15;
                    }
                }
                // findings in the lung fields
                if (inLung) {
                    if (s.findings().contains(Finding.LUNG_LESION)) {
                        double r = hyp(x - lesX - s.shiftX(), y - lesY) / lesR;
                        if (r < 1) {
                            v = Math.max(v, 0.45 + 0.15 * Math.sqrt(1 - r * r));
                            mark(fm, Finding.LUNG_LESION, idx, n);
                        }
                    }
                    if (s.findings().contains(Finding.CONSOLIDATION)) {
                        double patch = airspacePatch((x - conX - s.shiftX()) / 0.09, (y - conY) / 0.07, x, y, 2, tex + 7, 0.6);
                        if (patch > 0.15) {
                            v = Math.max(v, 0.2 + 0.45 * patch);
                            mark(fm, Finding.CONSOLIDATION, idx, n);
                        }
                    }
                    if (s.findings().contains(Finding.PNEUMONIA)) {
                        double patch = airspacePatch((x - pnaX - s.shiftX()) / 0.08, (y - pnaY) / 0.08, x, y, 3, tex + 11, 0.5);
                        if (patch > 0.12) {
                            v = Math.max(v, 0.22 + 0.5 * patch);
                            mark(fm, Finding.PNEUMONIA, idx, n);
                        }
                    }
                    if (s.findings().contains(Finding.EDEMA)) {
                        // bilateral perihilar (bat-wing) haze, fading laterally
                        double haze = Math.max(0, 1 - inLungX * 1.6) * Math.max(0, 1 - Math.abs(y - a.heartTop()) / 0.25);
                        if (haze > 0.05) {
                            v += 0.18 * haze;
                            mark(fm, Finding.EDEMA, idx, n);
                        }
                    }
                    if (s.findings().contains(Finding.ATELECTASIS) && !imageLeft) {
                        // plate-like band in the patient's left lower zone
                        if (Math.abs(y - ateY - 0.04 * (inLungX - 0.5)) < 0.012 && inLungX > 0.15 && inLungX < 0.85) {
                            v = Math.max(v, 0.48);
                            mark(fm, Finding.ATELECTASIS, idx, n);
                        }
                    }
                    if (s.findings().contains(Finding.PLEURAL_EFFUSION) && !imageLeft) {
                        // meniscus: fluid climbs laterally
                        double level = effLevel - 0.05 * inLungX * inLungX;
                        if (y > level) {
                            v = Math.max(v, 0.56);
                            mark(fm, Finding.PLEURAL_EFFUSION, idx, n);
                        }
                    }
                }
                if (s.findings().contains(Finding.SUPPORT_DEVICES)) {
                    // a line from the right neck into the superior vena cava, and a round pacemaker can
                    double lineX = cx - 0.12 + 0.1 * clamp01((y - 0.05) / 0.35);
                    if (y > 0.05 && y < 0.4 && Math.abs(x - lineX) < 0.006) {
                        v = 0.95;
                        mark(fm, Finding.SUPPORT_DEVICES, idx, n);
                    }
                    if (hyp((x - (cx + 0.25)) / 0.05, (y - 0.2) / 0.035) < 1) {
                        v = 0.97;
                        mark(fm, Finding.SUPPORT_DEVICES, idx, n);
                    }
                }
                px[idx] = (float) v;
            }
        }
        // exposure and quantum noise
        for (int i = 0; i < n; i++) {
            double v = px[i] * gain + s.noise() * gaussian(rnd);
            px[i] = (float) clamp01(v);
        }
        if (cardio) {
            fm.put(Finding.CARDIOMEGALY, heart.clone()); // the enlarged heart is the finding's region
        }
        for (byte[] m : fm.values()) {
            for (int i = 0; i < n; i++) {
                finding[i] |= m[i];
            }
        }
        double ctr = ctr(heart, left, right, size);
        return new Rendered(new GreyImage(size, size, px, 8), left, right, heart, finding, fm, ctr);
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
