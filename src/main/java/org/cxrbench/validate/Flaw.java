package org.cxrbench.validate;

import java.util.List;
import java.util.Locale;
import org.cxrbench.common.BadInputException;

/**
 * The controlled flaws (CONTRACT.md names) and their graded strengths. Strength 0 is the real holdout itself;
 * strengths 1..4 use the parameters below (pixel sizes at a 256 px reference width, scaled to the image).
 */
public enum Flaw {
    BLUR(0, "blur", "Gaussian blur sigma (px at 256 px)", new double[] {0.5, 1, 2, 4}),
    NOISE(1, "noise", "Gaussian noise sd (grey in [0,1]; additive, the same at every grey level)",
            new double[] {0.01, 0.02, 0.05, 0.1}),
    POISSON(11, "poisson", "Poisson noise sd at white (signal-dependent: sd sqrt(v) x this at grey v; 1/sd^2 photons at full scale)",
            new double[] {0.01, 0.02, 0.05, 0.1}),
    CONTRAST(2, "contrast", "contrast factor about the image mean (linear)", new double[] {0.8, 0.6, 0.4, 0.2}),
    GAMMA(12, "gamma", "gamma exponent (v^gamma, grey in [0,1]; darkens mid-greys, keeps black and white)",
            new double[] {1.25, 1.5, 2, 3}),
    JPEG(3, "jpeg", "JPEG quality", new double[] {50, 20, 10, 3}),
    RESAMPLE(4, "resample", "down-up sampling factor", new double[] {2, 4, 8, 16}),
    SHIFT(5, "shift", "rotation in degrees and translation in % of the side", new double[] {2, 4, 8, 12}),
    TEXT(6, "text", "burned-in annotations per image", new double[] {1, 2, 4, 8}),
    MEMORIZE(7, "memorize", "share of images that are lightly perturbed copies of training images", new double[] {0.1, 0.25, 0.5, 1}),
    MODE_COLLAPSE(8, "mode-collapse", "share of the holdout's patients kept (images drawn from them only)",
            new double[] {0.5, 0.25, 0.1, 0.03}),
    LABEL_SHUFFLE(9, "label-shuffle", "share of images whose labels and prompts are shuffled", new double[] {0.25, 0.5, 0.75, 1}),
    OFF_TOPIC(10, "off-topic", "share of images replaced by non-radiographs", new double[] {0.1, 0.25, 0.5, 1});

    /**
     * The flaw's random stream (seeds its draws in {@link FlawedSets}): fixed per flaw, not its position in this
     * list, so adding a flaw does not change the images of the others.
     */
    final int stream;
    public final String key;
    public final String parameter;
    private final double[] levels;

    Flaw(int stream, String key, String parameter, double[] levels) {
        this.stream = stream;
        this.key = key;
        this.parameter = parameter;
        this.levels = levels;
    }

    /** Number of flawed strengths (1..STRENGTHS; 0 is the holdout). */
    public static final int STRENGTHS = 4;

    /** The parameter at strength s (1..4); at 0 the identity. */
    public double level(int strength) {
        if (strength == 0) {
            return identity();
        }
        return levels[strength - 1];
    }

    double identity() {
        return switch (this) {
            case CONTRAST, GAMMA -> 1;
            case JPEG -> 100;
            case RESAMPLE -> 1;
            case MODE_COLLAPSE -> 1;
            default -> 0;
        };
    }

    /** True when the flaw changes pixels (the label-shuffle flaw changes only labels and prompts). */
    public boolean changesPixels() {
        return this != LABEL_SHUFFLE;
    }

    /**
     * Whether a metric of this family is meant to see the flaw: privacy metrics the memorisation flaw only; fidelity
     * metrics every flaw that changes the image distribution (not memorisation, whose copies are real images, nor
     * shuffled labels, which no label-free metric can see). Verdicts of the other pairs are reported but greyed
     * and never recommended.
     */
    public boolean expects(org.cxrbench.common.Family family) {
        return switch (family) {
            case PRIVACY -> this == MEMORIZE;
            case FIDELITY -> this != MEMORIZE && this != LABEL_SHUFFLE;
            default -> false;
        };
    }

    /** A pixel flaw at strength s (1..4) applied to one image, seeded (for tests of the filter). */
    public org.cxrbench.data.GreyImage applyTo(org.cxrbench.data.GreyImage img, int strength, long seed) {
        return FlawedSets.pixelFlaw(this, level(strength), img, new java.util.SplittableRandom(seed));
    }

    public static List<Flaw> parse(String list) {
        if (list == null || list.isBlank() || list.equals("all")) {
            return List.of(values());
        }
        java.util.List<Flaw> out = new java.util.ArrayList<>();
        for (String s : list.split(",")) {
            String k = s.trim().toLowerCase(Locale.ROOT);
            Flaw f = java.util.Arrays.stream(values()).filter(x -> x.key.equals(k)).findFirst()
                    .orElseThrow(() -> new BadInputException("--flaws: unknown flaw '" + k + "'; flaws: "
                            + String.join(",", java.util.Arrays.stream(values()).map(x -> x.key).toList())));
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
