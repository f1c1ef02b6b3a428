package org.cxrbench.phantom;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.GreyImage;

/**
 * Simulated text-to-image generators with known flaws. Each takes the training studies (their findings are the
 * "prompts") and returns one synthetic image per prompt, recording exactly what it did: which outputs are copies
 * (and of which training image), which are off-topic, which findings were really rendered, and for the
 * mask-conditioned generator the mask it was given.
 *
 * <ul>
 *   <li>{@code faithful}: fresh patients from the same distribution, honouring the requested findings; like every
 *       generator below that draws fresh patients, it mirrors the training cohort's structure (fresh patient j
 *       stands in for training patient j across all of that patient's studies, see {@link #freshCohort});</li>
 *   <li>{@code memorizer(rate)}: that share of outputs are near-copies of the training image (pixel noise sd 0.01);</li>
 *   <li>{@code mode-collapse(k)}: only k distinct anatomies, fixed pose and exposure;</li>
 *   <li>{@code blurry(sigma)}, {@code noisy(sd)}, {@code low-contrast(factor)}: degraded fidelity;</li>
 *   <li>{@code label-ignorant} ignores every requested finding (renders random ones);
 *       {@code label-ignorant(cardiomegaly)} ignores only that one;</li>
 *   <li>{@code off-topic(rate)}: that share of outputs are not chest X-rays (blank, noise, or a skull);</li>
 *   <li>{@code mask-conditioned}: renders the training patient's anatomy under a random shift and returns the
 *       transformed lung/heart mask it follows (the conditioning input).</li>
 * </ul>
 */
public final class Generators {
    private Generators() {}

    /**
     * One synthetic output.
     *
     * @param rendered    the findings really drawn (equal to the request for honest generators)
     * @param offTopic    null, or "blank", "noise" or "skull"
     * @param conditionMask for mask-conditioned outputs, the (transformed) lungs+heart mask the image follows
     */
    public record Output(GreyImage image, Study requested, Set<Finding> rendered, boolean copy, int copiedTrainIndex,
                         String offTopic, byte[] conditionMask) {}

    public static final List<String> NAMES = List.of("faithful", "memorizer", "mode-collapse", "blurry", "noisy",
            "low-contrast", "label-ignorant", "off-topic", "mask-conditioned");

    /** A parsed generator spec: its name, its numeric argument (NaN when none) and label-ignorant's finding. */
    private record Spec(String name, double arg, Finding ignored) {
        static Spec parse(String spec) {
            String s = spec.trim().toLowerCase(Locale.ROOT);
            String name = s.contains("(") ? s.substring(0, s.indexOf('(')) : s;
            String argText = s.contains("(") && s.endsWith(")") ? s.substring(s.indexOf('(') + 1, s.length() - 1).trim() : "";
            if (!NAMES.contains(name)) {
                throw new BadInputException("unknown generator '" + spec + "'; use " + String.join(", ", NAMES)
                        + " (with an optional argument, e.g. memorizer(0.2))");
            }
            if (argText.isEmpty()) {
                return new Spec(name, Double.NaN, null);
            }
            if (name.equals("label-ignorant")) {
                try {
                    return new Spec(name, Double.NaN, Finding.parse(argText));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("label-ignorant(" + argText + "): unknown finding; use one of "
                            + java.util.Arrays.toString(Finding.values()).toLowerCase(Locale.ROOT));
                }
            }
            try {
                return new Spec(name, Double.parseDouble(argText), null);
            } catch (NumberFormatException e) {
                throw new BadInputException("generator '" + spec + "': '" + argText + "' is not a number");
            }
        }
    }

    public static List<Output> generate(String spec, List<Study> train, int size, long seed) {
        Spec g = Spec.parse(spec);
        String name = g.name();
        double arg = g.arg();
        List<Output> out = new ArrayList<>(train.size());
        SplittableRandom r = new SplittableRandom(seed * 7919 + name.hashCode());
        List<Study> fresh = freshCohort("g" + name + "-", seed + 101, train, size);
        List<Study> firstStudies = fresh.stream().filter(x -> x.studyIndex() == 0).toList();
        for (int i = 0; i < train.size(); i++) {
            Study want = train.get(i);
            Study f = fresh.get(i);
            Study faithful = with(f, want.findings(), size);
            switch (name) {
                case "faithful" -> out.add(plain(Renderer.render(faithful, size).image(), want));
                case "blurry" -> out.add(plain(blur(Renderer.render(faithful, size).image(), or(arg, 1.5)), want));
                case "noisy" -> out.add(plain(Renderer.render(new Study(f.patientId(), 0, f.anatomy(), want.findings(),
                        f.shiftX(), f.shiftY(), f.exposure(), or(arg, 0.12), size, f.noiseSeed()), size).image(), want));
                case "low-contrast" -> out.add(plain(contrast(Renderer.render(faithful, size).image(), or(arg, 0.4)), want));
                case "mode-collapse" -> {
                    int k = (int) or(arg, 3);
                    Study base = firstStudies.get(i % Math.min(k, firstStudies.size()));
                    out.add(plain(Renderer.render(new Study(base.patientId(), 0, base.anatomy(), want.findings(),
                            0, 0, 1.0, 0.02, size, base.noiseSeed()), size).image(), want));
                }
                case "memorizer" -> out.add(memorizer(want, faithful, i, or(arg, 0.2), r, size));
                case "label-ignorant" -> out.add(labelIgnorant(want, f, g.ignored(), r, size));
                case "off-topic" -> out.add(offTopic(want, faithful, or(arg, 0.2), r, size));
                case "mask-conditioned" -> out.add(maskConditioned(want, r, size));
                default -> throw new IllegalStateException(name);
            }
        }
        return out;
    }

    /** With probability {@code share}, a near-copy of training image {@code i} (plus faint pixel noise, sd 0.01). */
    private static Output memorizer(Study want, Study faithful, int i, double share, SplittableRandom r, int size) {
        if (r.nextDouble() >= share) {
            return plain(Renderer.render(faithful, size).image(), want);
        }
        GreyImage src = Renderer.render(want, size).image();
        float[] px = src.pixels().clone();
        SplittableRandom nr = new SplittableRandom(r.nextLong());
        for (int p = 0; p < px.length; p++) {
            px[p] = (float) Math.min(1, Math.max(0, px[p] + 0.01 * Renderer.gaussian(nr)));
        }
        return new Output(new GreyImage(size, size, px, src.bitDepth()), want, want.findings(), true, i, null, null);
    }

    /** Random findings (or the requested ones less {@code ignored}) drawn in place of the requested ones. */
    private static Output labelIgnorant(Study want, Study f, Finding ignored, SplittableRandom r, int size) {
        Set<Finding> drawn;
        if (ignored == null) {
            drawn = World.randomFindings(new SplittableRandom(r.nextLong()));
        } else {
            drawn = EnumSet.noneOf(Finding.class);
            drawn.addAll(want.findings());
            drawn.remove(ignored);
        }
        return new Output(Renderer.render(with(f, drawn, size), size).image(), want, drawn, false, -1, null, null);
    }

    /** With probability {@code share}, a blank, noise or skull image instead of a radiograph. */
    private static Output offTopic(Study want, Study faithful, double share, SplittableRandom r, int size) {
        if (r.nextDouble() >= share) {
            return plain(Renderer.render(faithful, size).image(), want);
        }
        String[] kinds = {"blank", "noise", "skull"};
        String kind = kinds[r.nextInt(3)];
        return new Output(offTopic(kind, size, r.nextLong()), want, EnumSet.noneOf(Finding.class), false, -1, kind, null);
    }

    /** The training study moved a little, with the lungs+heart mask it follows. */
    private static Output maskConditioned(Study want, SplittableRandom r, int size) {
        Study moved = new Study(want.patientId(), want.studyIndex(), want.anatomy(), want.findings(),
                want.shiftX() + (r.nextDouble() - 0.5) * 0.08, want.shiftY() + (r.nextDouble() - 0.5) * 0.06,
                want.exposure(), want.noise(), size, r.nextLong());
        Renderer.Rendered rr = Renderer.render(moved, size);
        byte[] mask = new byte[size * size];
        for (int p = 0; p < mask.length; p++) {
            mask[p] = (byte) (rr.leftLung()[p] | rr.rightLung()[p] | rr.heart()[p]);
        }
        return new Output(rr.image(), want, want.findings(), false, -1, null, mask);
    }

    /**
     * Fresh patients that mirror the training cohort's structure, one study per training study in its order: the
     * j-th distinct training patient (in order of first appearance) is stood in for by fresh patient j, and that
     * patient's s-th training study by fresh patient j's s-th study (same anatomy, a new pose, exposure and noise,
     * like a real patient's follow-up). So a synthetic set has as many patients, and as many studies per patient,
     * as the training set it is compared with, like the real holdout of the noise floor.
     */
    static List<Study> freshCohort(String prefix, long seed, List<Study> train, int size) {
        java.util.Map<String, Integer> patient = new java.util.HashMap<>();
        int[] nth = new int[train.size()];
        int[] counts = new int[train.size()];
        int maxStudies = 1;
        for (int i = 0; i < train.size(); i++) {
            int j = patient.computeIfAbsent(train.get(i).patientId(), id -> patient.size());
            nth[i] = j;
            maxStudies = Math.max(maxStudies, ++counts[j]);
        }
        int[] seen = new int[patient.size()];
        List<Study> all = World.cohort(prefix, seed, patient.size(), maxStudies, size);
        List<Study> out = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            int j = nth[i];
            out.add(all.get(j * maxStudies + seen[j]++));
        }
        return out;
    }

    private static Output plain(GreyImage img, Study want) {
        return new Output(img, want, want.findings(), false, -1, null, null);
    }

    private static Study with(Study f, Set<Finding> findings, int size) {
        return new Study(f.patientId(), f.studyIndex(), f.anatomy(), findings, f.shiftX(), f.shiftY(), f.exposure(), f.noise(), size,
                f.noiseSeed());
    }

    private static double or(double v, double dflt) {
        return Double.isNaN(v) ? dflt : v;
    }

    /** Compresses grey values toward mid-grey by the factor (1 keeps the image). */
    public static GreyImage contrast(GreyImage img, double factor) {
        float[] p = img.pixels().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.5 + (p[i] - 0.5) * factor);
        }
        return new GreyImage(img.width(), img.height(), p, img.bitDepth());
    }

    /** Not a chest X-ray: a blank frame, pure noise, or a skull (a bright ring around a darker vault). */
    public static GreyImage offTopic(String kind, int size, long seed) {
        float[] p = new float[size * size];
        SplittableRandom r = new SplittableRandom(seed);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double v;
                switch (kind) {
                    case "blank" -> v = 0.02 + 0.01 * Renderer.gaussian(r);
                    case "noise" -> v = r.nextDouble();
                    default -> {
                        double dx = (x + 0.5) / size - 0.5;
                        double dy = (y + 0.5) / size - 0.48;
                        double rr = Math.sqrt(dx * dx / 0.13 + dy * dy / 0.16);
                        v = rr < 0.92 ? 0.35 : rr < 1.0 ? 0.85 : 0.04;
                        if (dy > 0.25 && Math.abs(dx) < 0.2) {
                            v = 0.7; // mandible
                        }
                        v += 0.02 * Renderer.gaussian(r);
                    }
                }
                p[y * size + x] = (float) Math.min(1, Math.max(0, v));
            }
        }
        return new GreyImage(size, size, p, 8);
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
