package org.cxrbench.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The metric registry: every metric of every family, declared once. Computing code (fidelity, privacy, utility,
 * filter) attaches its function to these ids; CLI help and {@code --metrics} validation, the results JSON's
 * {@code direction}/{@code family}/{@code unit}, reports and regression verdicts all read them here.
 *
 * <p>Statistics named in {@link Metric#needs()}: {@code gaussian} (mean and covariance of each set),
 * {@code knn_radii} (k-NN radii within each set), {@code kid_subsets} (polynomial-kernel blocks on subsets),
 * {@code labels} (14 CheXpert labels per row), {@code radiomics} (radiomics features), {@code nn_train}
 * (synthetic -&gt; train nearest neighbours), {@code nn_train_self} (train -&gt; train), {@code nn_synthetic}
 * (train -&gt; synthetic), {@code holdout} (a real holdout set), {@code patients} (patient ids of the training
 * set), {@code models} (downstream models trained over seeds), {@code masks}, {@code verdicts}.
 */
public final class Metrics {
    private Metrics() {}

    private static final Map<String, Metric> BY_ID = new LinkedHashMap<>();

    private static Decl declare(String id, Family f, Direction dir, String unit, Set<String> needs, boolean byDefault,
                                boolean perLabel, String card, String summary) {
        Metric m = new Metric(id, f, dir, unit, needs, byDefault, perLabel, card, summary, id, false);
        if (BY_ID.put(id, m) != null) {
            throw new IllegalStateException("metric declared twice: " + id);
        }
        return new Decl(id);
    }

    /**
     * The rest of one declaration, in the same statement: its display name (reports, charts, console; the id when
     * not given) and whether it is a headline metric (summary tables' columns, trend charts, and what
     * {@code regress} judges by default).
     */
    private record Decl(String id) {
        Decl named(String displayName) {
            Metric m = BY_ID.get(id);
            BY_ID.put(id, new Metric(m.id(), m.family(), m.direction(), m.unit(), m.needs(), m.byDefault(), m.perLabel(),
                    m.card(), m.summary(), displayName, m.headline()));
            return this;
        }

        Decl headline() {
            Metric m = BY_ID.get(id);
            BY_ID.put(id, new Metric(m.id(), m.family(), m.direction(), m.unit(), m.needs(), m.byDefault(), m.perLabel(),
                    m.card(), m.summary(), m.displayName(), true));
            return this;
        }
    }

    /** A temporary declaration's lifetime; closing it removes the declaration. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Adds a declaration until the returned scope is closed. For tests only (they prove what adding a metric takes
     * without keeping it); main code declares in the static block below.
     */
    public static synchronized Scope declareTemporarily(Metric m) {
        if (BY_ID.putIfAbsent(m.id(), m) != null) {
            throw new IllegalStateException("metric declared twice: " + m.id());
        }
        return () -> {
            synchronized (Metrics.class) {
                BY_ID.remove(m.id());
            }
        };
    }

    static {
        Family fi = Family.FIDELITY;
        declare("fid", fi, Direction.LOWER, "squared feature distance", Set.of("gaussian"), true, false,
                "metrics/fid.md", "Fréchet distance of Gaussian fits to real and synthetic features").named("FID").headline();
        declare("kid", fi, Direction.LOWER, "squared MMD (cubic polynomial kernel)", Set.of("kid_subsets"), true, false,
                "metrics/kid.md", "unbiased MMD² with the cubic polynomial kernel, averaged over subsets").named("KID").headline();
        declare("precision", fi, Direction.HIGHER, "share", Set.of("knn_radii"), true, false, "metrics/prdc.md",
                "share of synthetic samples inside the real k-NN manifold").headline();
        declare("recall", fi, Direction.HIGHER, "share", Set.of("knn_radii"), true, false, "metrics/prdc.md",
                "share of real samples inside the synthetic k-NN manifold").headline();
        declare("density", fi, Direction.HIGHER, "mean ball count / k", Set.of("knn_radii"), true, false,
                "metrics/prdc.md", "how many real k-NN balls contain each synthetic sample, over k").headline();
        declare("coverage", fi, Direction.HIGHER, "share", Set.of("knn_radii"), true, false, "metrics/prdc.md",
                "share of real k-NN balls whose centre's nearest synthetic sample lies inside").headline();
        declare("fid_per_label", fi, Direction.LOWER, "squared feature distance", Set.of("gaussian", "labels"), true,
                true, "metrics/per_label.md", "FID of the images with each CheXpert label (real label 1 vs prompted label 1)").named("FID per label");
        declare("kid_per_label", fi, Direction.LOWER, "squared MMD (cubic polynomial kernel)",
                Set.of("kid_subsets", "labels"), true, true, "metrics/per_label.md", "KID per CheXpert label").named("KID per label");
        declare("fid_inf", fi, Direction.LOWER, "squared feature distance", Set.of("gaussian"), false, false,
                "metrics/fid_inf.md", "FID extrapolated to infinitely many synthetic samples (Chong & Forsyth 2020)").named("FID∞");
        declare("cmmd", fi, Direction.LOWER, "MMD² x 1000 (Gaussian RBF, sigma 10)", Set.of("features"), false, false,
                "metrics/cmmd.md", "CLIP maximum mean discrepancy (Jayasumana et al. 2024), on the features given").named("CMMD");
        declare("frd", fi, Direction.LOWER, "log Fréchet distance of z-scored radiomics", Set.of("radiomics"), false,
                false, "metrics/frd.md", "Fréchet radiomics distance (Konz et al. 2024), on radiomics features only").named("FRD");

        Family pr = Family.PRIVACY;
        String card = "metrics/privacy.md";
        declare("dcr_min", pr, Direction.HIGHER, "feature distance", Set.of("nn_train"), true, false, card,
                "smallest distance of a synthetic image to its closest training image").named("DCR min");
        declare("dcr_median", pr, Direction.HIGHER, "feature distance", Set.of("nn_train"), true, false, card,
                "median distance to the closest training image").named("DCR median").headline();
        declare("dcr_p5", pr, Direction.HIGHER, "feature distance", Set.of("nn_train"), true, false, card,
                "5th percentile (linear) of the distances to the closest training image").named("DCR p5");
        declare("exact_copies", pr, Direction.LOWER, "count", Set.of("nn_train"), true, false, card,
                "synthetic images at distance exactly 0 from a training image").named("exact copies").headline();
        declare("memorized", pr, Direction.LOWER, "count", Set.of("nn_train", "holdout"), true, false, card,
                "synthetic images closer to a training image than the 0.1% quantile of holdout-to-train distances").named("memorised").headline();
        declare("memorized_fraction", pr, Direction.LOWER, "share", Set.of("nn_train", "holdout"), true, false, card,
                "memorized / number of synthetic images").named("memorised fraction").headline();
        declare("nndr_median", pr, Direction.HIGHER, "ratio", Set.of("nn_train"), true, false, card,
                "median nearest / second-nearest training distance ratio").named("NNDR median");
        declare("identifiability", pr, Direction.LOWER, "share", Set.of("nn_train_self", "nn_synthetic"), true, false,
                card, "share of training images whose nearest synthetic image is closer than their nearest other training image").headline();
        declare("holdout_closer_share", pr, Direction.LOWER, "share", Set.of("nn_train", "holdout"), true, false, card,
                "share of synthetic images closer to the training set than to the holdout (0.5 ideal)").named("holdout-closer share");
        declare("holdout_score", pr, Direction.HIGHER, "score in [0, 1]", Set.of("nn_train", "holdout"), true, false,
                card, "min(2 (1 - holdout_closer_share), 1) (SDMetrics' DCROverfittingProtection on L2)").named("holdout score");
        declare("reid_score", pr, Direction.LOWER, "share", Set.of("nn_train", "patients"), true, false, card,
                "share of synthetic images a same-patient verifier links to their nearest training patient").named("Re-ID score").headline();

        Family ut = Family.UTILITY;
        String ucard = "metrics/utility.md";
        declare("f1_macro", ut, Direction.HIGHER, "F1", Set.of("models"), true, false, ucard,
                "mean over labels of the per-label F1 at threshold 0.5").named("F1 macro").headline();
        declare("f1_micro", ut, Direction.HIGHER, "F1", Set.of("models"), true, false, ucard,
                "F1 of all (image, label) decisions pooled").named("F1 micro").headline();
        declare("auroc_macro", ut, Direction.HIGHER, "AUROC", Set.of("models"), true, false, ucard,
                "mean over labels of the per-label AUROC").named("AUROC macro").headline();
        declare("f1_", ut, Direction.HIGHER, "F1", Set.of("models"), true, false, ucard, "F1 of one label").named("F1 ");
        declare("auroc_", ut, Direction.HIGHER, "AUROC", Set.of("models"), true, false, ucard, "AUROC of one label").named("AUROC ");
        declare("dice_", ut, Direction.HIGHER, "Dice", Set.of("models", "masks"), true, false, ucard,
                "Dice of one segmented structure").named("Dice ");
        declare("iou_", ut, Direction.HIGHER, "IoU", Set.of("models", "masks"), true, false, ucard,
                "intersection over union of one segmented structure").named("IoU ");

        Family fl = Family.FILTER;
        String fcard = "metrics/filter.md";
        declare("kept", fl, Direction.NONE, "count", Set.of("verdicts"), true, false, fcard,
                "images kept by the quality filter").headline();
        declare("removed", fl, Direction.NONE, "count", Set.of("verdicts"), true, false, fcard,
                "images removed by the quality filter");
    }

    /** The headline ids of a family, in declaration order. */
    public static List<String> headline(Family f) {
        return of(f).stream().filter(Metric::headline).map(Metric::id).toList();
    }

    /** Every headline id, in declaration order. */
    public static List<String> headline() {
        return all().stream().filter(Metric::headline).map(Metric::id).toList();
    }

    /**
     * The name to print for an id: the declaration's display name; for an id of a pattern (f1_cardiomegaly) the
     * pattern's prefix name and the label; an undeclared id as it is.
     */
    public static String displayName(String id) {
        Metric m = find(id);
        if (m == null) {
            return id;
        }
        return m.isPattern() ? m.displayName() + id.substring(m.id().length()) : m.displayName();
    }

    /** All declarations, in declaration order. */
    public static List<Metric> all() {
        return List.copyOf(BY_ID.values());
    }

    public static List<Metric> of(Family f) {
        return BY_ID.values().stream().filter(m -> m.family() == f).toList();
    }

    /** The exact (non-pattern) ids of a family, in declaration order. */
    public static List<String> ids(Family f) {
        return of(f).stream().filter(m -> !m.isPattern()).map(Metric::id).toList();
    }

    /** The ids computed by default in a family. */
    public static List<String> defaults(Family f) {
        return of(f).stream().filter(m -> !m.isPattern() && m.byDefault()).map(Metric::id).toList();
    }

    /** The declaration of an id, or of the pattern it belongs to (f1_cardiomegaly -&gt; f1_); null if unknown. */
    public static Metric find(String id) {
        Metric m = BY_ID.get(id);
        if (m != null) {
            return m;
        }
        for (Metric p : BY_ID.values()) {
            if (p.isPattern() && id.startsWith(p.id()) && id.length() > p.id().length()) {
                return p;
            }
        }
        return null;
    }

    public static Metric get(String id) {
        Metric m = find(id);
        if (m == null) {
            throw new IllegalArgumentException("metric not declared in the registry: " + id);
        }
        return m;
    }

    /**
     * Parses a {@code --metrics} list for a family: ids are lower-cased and trimmed; an unknown id or one of
     * another family is a one-line error listing the family's ids.
     */
    public static Set<String> parse(String list, Family f) {
        Set<String> out = new LinkedHashSet<>();
        if (list == null) {
            return null;
        }
        List<String> allowed = ids(f);
        for (String p : list.split(",")) {
            String id = p.trim().toLowerCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            Metric m = find(id);
            if (m == null || m.family() != f) {
                throw new BadInputException("unknown " + f.json() + " metric '" + id + "' in --metrics"
                        + (m == null ? "" : " (it is a " + m.family().json() + " metric)") + "; use "
                        + String.join(",", allowed));
            }
            out.add(id);
        }
        if (out.isEmpty()) {
            throw new BadInputException("--metrics is empty; use " + String.join(",", allowed));
        }
        return out;
    }

    /** One line for CLI help: the family's keys, defaults marked. */
    public static String help(Family f) {
        List<String> parts = new ArrayList<>();
        for (Metric m : of(f)) {
            if (!m.isPattern()) {
                parts.add(m.byDefault() ? m.id() : m.id() + " (opt-in)");
            }
        }
        return String.join(", ", parts);
    }
}
