package org.cxrbench.filter;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.cxrbench.pipeline.ConfigData;
import org.cxrbench.pipeline.Inputs;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.Stage;
import org.cxrbench.pipeline.StageCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.FilterCounts;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.Manifest;
import org.cxrbench.pipeline.config.RunConfig;

/**
 * The filter stage of a config run ({@code filter:} block): each named generator's images are judged by one judge
 * (the builtin judge calibrated once on the real training set) and the kept set replaces the generator's images for
 * every later stage (encode, fidelity, privacy, utility). The filter's output folder is {@code DIR/filter/<g>/}
 * (kept manifest, judgements.csv, summary.json, as {@code ./cxrbench filter} writes it); the stage is cached by the
 * content of the generator's images, the calibration set and the judge's settings.
 */
public final class ConfigFilter {
    private ConfigFilter() {}

    /**
     * @param judge      builtin, vlm, labels-file or onnx
     * @param remove     the verdicts removed
     * @param generators the generators filtered (every generator when the block names none)
     * @param settings   the judge's settings (as ./cxrbench filter's options)
     * @param unfiltered whether each filtered generator is also measured before filtering
     */
    public record Settings(String judge, Set<Verdict> remove, List<String> generators, FilterJob.JudgeSettings settings,
                    boolean unfiltered) {
        /** What changes the verdicts or the kept set, for the stage key. */
        public KeySettings keySettings() {
            FilterJob.JudgeSettings j = settings;
            return new KeySettings(judge, remove.stream().map(Verdict::key).toList(), j.falseRejection(),
                    String.valueOf(j.endpoint()), String.valueOf(j.model()), String.valueOf(j.preset()),
                    String.valueOf(j.vlm().modelFingerprint()));
        }
    }

    /**
     * The filter stage's settings (its key): the judge, the verdicts removed, the builtin judge's false-rejection
     * share, and the model judges' endpoint, model, preset and model fingerprint ({@code "null"} when not given).
     */
    public record KeySettings(String judge, List<String> remove,
                              @JsonProperty("false_rejection") double falseRejection, String endpoint, String model,
                              String preset, @JsonProperty("model_fingerprint") String modelFingerprint) {}

    /** Fewer kept images than this leave nothing to measure (a covariance needs two). */
    public static final int MIN_KEPT = 2;

    /** The kept set (null when fewer than {@link #MIN_KEPT} images were kept) and the generator's filter block. */
    public record Filtered(ConfigData.Source kept, FilterCounts block) {}

    /** The settings of the config's filter: block, checked against its generators; null without one. */
    public static Settings settings(RunConfig cfg) {
        RunConfig.Filter f = cfg.filter();
        if (f == null) {
            return null;
        }
        List<String> names = cfg.generators().stream().map(RunConfig.Generator::name).toList();
        List<String> gens = new ArrayList<>();
        if (f.generators() != null) {
            for (String g : f.generators()) {
                if (!names.contains(g)) {
                    throw new BadInputException(cfg.source() + ": filter.generators: '" + g + "' is not a generator of "
                            + "this config; use one of " + String.join(", ", names));
                }
                gens.add(g);
            }
        } else {
            gens.addAll(names);
        }
        for (RunConfig.Generator g : cfg.generators()) {
            if (gens.contains(g.name()) && g.data() != null && g.data().labels() != null) {
                throw new BadInputException(cfg.source() + ": filter: generator '" + g.name() + "' gives its labels in a "
                        + "separate file; the filter needs images with their labels: put them in the generator's manifest");
            }
        }
        String judge = f.judge() == null ? "builtin" : f.judge();
        Set<Verdict> remove = FilterJob.parseRemove(f.remove() == null ? null : String.join(",", f.remove()));
        FilterJob.JudgeSettings d = FilterJob.JudgeSettings.defaults();
        FilterJob.JudgeSettings s = new FilterJob.JudgeSettings(path(f.labels()), f.endpoint(), f.model(),
                f.concurrency() != null ? f.concurrency() : d.concurrency(),
                f.timeout() != null ? f.timeout() : d.timeoutSeconds(),
                f.retries() != null ? f.retries() : d.retries(), f.preset(), path(f.labelMap()),
                f.falseRejection() != null ? f.falseRejection() : d.falseRejection(),
                new VlmOptions(VlmOptions.OnError.parse(f.onError()), f.apiKeyEnv(),
                        f.maxRps() != null ? f.maxRps() : 0, f.modelFingerprint()));
        boolean unfiltered = !Boolean.FALSE.equals(f.unfiltered());
        return new Settings(judge, remove, List.copyOf(gens), s, unfiltered);
    }

    /** Checks that need the resolved sources: the filter judges images, the builtin judge calibrates on real ones. */
    public static void check(Settings s, RunConfig cfg, ConfigData.Source train, Map<String, ConfigData.Source> syn) {
        for (String g : s.generators()) {
            ConfigData.Source src = syn.get(g);
            if (src != null && src.manifest() == null) {
                throw new BadInputException(cfg.source() + ": filter: generator '" + g + "' is a feature file; the filter "
                        + "judges images: give its images, or leave it out of filter.generators");
            }
        }
        if (s.judge().equals("builtin") && train != null && train.manifest() == null) {
            throw new BadInputException(cfg.source() + ": filter: the builtin judge calibrates on the real training "
                    + "images, but real.train is a feature file; give its images or use judge: labels-file");
        }
    }

    /** The filter stage of one generator (cached); the kept set and its block. */
    public static Filtered apply(Settings s, String gen, ConfigData.Source src, ConfigData.Source train, Path out, StageCache stages,
                          RunContext ctx, Map<String, Judge> judges) {
        Path inputs = out.resolve("filter").resolve(".inputs");
        Path dir = out.resolve("filter").resolve(ConfigData.dirName(gen));
        Path input = inputs.resolve(ConfigData.dirName(gen) + ".csv");
        Path calibrate = s.judge().equals("builtin") ? inputs.resolve("real-train.csv") : null;
        Map<String, String> in = new LinkedHashMap<>();
        in.put("images", src.hash());
        in.put("manifest", FilterJob.manifestContentHash(src.manifest()));
        in.put("calibrate", calibrate == null ? "none" : train.hash());
        in.put("labels", s.settings().labels() == null ? "none" : Hashing.ofFile(s.settings().labels()));
        in.put("folder", ConfigData.dirName(gen)); // two generators with the same images still get a folder each
        Runnable judge = () -> {
            src.manifest().write(input);
            if (calibrate != null) {
                train.manifest().write(calibrate);
            }
            Path cache = ctx.cache() == null ? null : VerdictCache.defaultRoot(ctx.cache().root());
            FilterJob.run(new FilterJob.Request(input, dir, s.judge(), calibrate, s.remove(), FilterWriter.Images.NONE,
                    s.settings(), cache, "cxrbench run (filter stage)", ctx.threads()), ctx.log(), judges);
        };
        stages.run(Stage.of("filter", gen, s.keySettings(), in, StageCache.MARKER, (c, k) -> {
            judge.run();
            return null;
        }));
        FilterJob.Result r = FilterJob.fromSummary(dir, true);
        Integer unjudged = r.summary().counts().get(Verdict.UNJUDGED.key());
        if (unjudged != null && unjudged > 0) {
            // as the filter command does: images the judge could not judge are asked again on each run (the
            // verdict cache answers the others without a request)
            ctx.log().printf(java.util.Locale.ROOT, "filter[%s]: %d image(s) unjudged in the stored result: asked again%n",
                    gen, unjudged);
            judge.run();
            r = FilterJob.fromSummary(dir, true);
        }
        if (r.kept() < MIN_KEPT) {
            return new Filtered(null, block(r, s));
        }
        Manifest m = Manifest.read(r.keptManifest());
        Inputs.requireImages(m, r.keptManifest());
        m = m.withImageHashes();
        ConfigData.Source kept = new ConfigData.Source(gen, m, null, m.imagesHash(), m);
        return new Filtered(kept, block(r, s));
    }

    /** generators.<g>.filter in results.json: counts overall, per verdict and per pathology, judge and policy. */
    public static FilterCounts block(FilterJob.Result r, Settings s) {
        FilterSummary sum = r.summary();
        Map<String, Long> counts = new LinkedHashMap<>();
        sum.counts().forEach((v, n) -> counts.put(v, n.longValue()));
        Map<String, Map<String, Long>> perLabel = new LinkedHashMap<>();
        sum.perPathology().forEach((label, c) -> {
            Map<String, Long> byVerdict = new LinkedHashMap<>();
            for (Verdict verdict : Verdict.values()) {
                Integer n = c.verdicts().get(verdict.key());
                if (n != null) {
                    byVerdict.put(verdict.key(), n.longValue());
                }
            }
            perLabel.put(label, byVerdict);
        });
        JudgeInfo judge = sum.judge();
        return new FilterCounts(sum.total(), sum.kept(), sum.removed(), counts, perLabel,
                s.remove().stream().map(Verdict::key).toList(), new FilterCounts.JudgeRef(
                judge == null ? s.judge() : judge.name(), judge == null ? "" : judge.fingerprint()),
                "filter/" + r.out().getFileName());
    }

    private static Path path(String p) {
        return p == null ? null : Path.of(p);
    }
}
