package org.cxrbench.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.GreyImage;

/**
 * Simulated text-to-image generators with known flaws. Each takes the training studies (their findings are the
 * "prompts") and returns one synthetic image per prompt, recording the ground truth of what it did.
 */
public final class Generators {
    private Generators() {}

    /** One synthetic output: the image, the findings it was asked for, and what it really is. */
    public record Output(GreyImage image, Study requested, boolean copy, int copiedTrainIndex) {}

    public static List<Output> generate(String spec, List<Study> train, int size, long seed) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        String name = s.contains("(") ? s.substring(0, s.indexOf('(')) : s;
        double arg = s.contains("(") ? Double.parseDouble(s.substring(s.indexOf('(') + 1, s.indexOf(')'))) : Double.NaN;
        List<Output> out = new ArrayList<>(train.size());
        SplittableRandom r = new SplittableRandom(seed * 7919 + name.hashCode());
        List<Study> fresh = World.cohort("g" + name + "-", seed + 101, train.size(), 1, size);
        for (int i = 0; i < train.size(); i++) {
            Study want = train.get(i);
            Study f = fresh.get(i);
            Study faithful = new Study(f.patientId(), 0, f.anatomy(), want.findings(), f.shiftX(), f.shiftY(),
                    f.exposure(), f.noise(), size, f.noiseSeed());
            switch (name) {
                case "faithful" -> out.add(new Output(Renderer.render(faithful, size).image(), want, false, -1));
                case "blurry" -> out.add(new Output(blur(Renderer.render(faithful, size).image(), nan(arg, 1.5)), want, false, -1));
                case "noisy" -> out.add(new Output(Renderer.render(new Study(f.patientId(), 0, f.anatomy(), want.findings(),
                        f.shiftX(), f.shiftY(), f.exposure(), nan(arg, 0.12), size, f.noiseSeed()), size).image(), want, false, -1));
                case "mode-collapse" -> {
                    int k = (int) nan(arg, 3);
                    Study base = fresh.get(i % k);
                    out.add(new Output(Renderer.render(new Study(base.patientId(), 0, base.anatomy(), want.findings(),
                            0, 0, 1.0, 0.02, size, base.noiseSeed()), size).image(), want, false, -1));
                }
                case "memorizer" -> {
                    if (r.nextDouble() < nan(arg, 0.2)) {
                        // a near-copy: the training image itself plus faint pixel noise (sd 0.01)
                        GreyImage src = Renderer.render(want, size).image();
                        float[] px = src.pixels().clone();
                        SplittableRandom nr = new SplittableRandom(r.nextLong());
                        for (int p = 0; p < px.length; p++) {
                            px[p] = (float) Math.min(1, Math.max(0, px[p] + 0.01 * Renderer.gaussian(nr)));
                        }
                        out.add(new Output(new GreyImage(size, size, px, src.bitDepth()), want, true, i));
                    } else {
                        out.add(new Output(Renderer.render(faithful, size).image(), want, false, -1));
                    }
                }
                default -> throw new BadInputException("unknown generator '" + spec
                        + "'; use faithful, blurry(sigma), noisy(sd), mode-collapse(k) or memorizer(rate)");
            }
        }
        return out;
    }

    private static double nan(double v, double dflt) {
        return Double.isNaN(v) ? dflt : v;
    }

    /** Separable Gaussian blur with sigma in pixels (edges clamped). */
    public static GreyImage blur(GreyImage img, double sigma) {
        int rad = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * rad + 1];
        double sum = 0;
        for (int i = -rad; i <= rad; i++) {
            k[i + rad] = StrictMath.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + rad];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int w = img.width();
        int h = img.height();
        float[] src = img.pixels();
        float[] tmp = new float[w * h];
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int t = -rad; t <= rad; t++) {
                    s += k[t + rad] * src[y * w + Math.min(w - 1, Math.max(0, x + t))];
                }
                tmp[y * w + x] = (float) s;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int t = -rad; t <= rad; t++) {
                    s += k[t + rad] * tmp[Math.min(h - 1, Math.max(0, y + t)) * w + x];
                }
                out[y * w + x] = (float) s;
            }
        }
        return new GreyImage(w, h, out, img.bitDepth());
    }
}
