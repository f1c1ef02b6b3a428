package org.cxrbench.filter;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.Outputs;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Provenance;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.Manifest;
import org.cxrbench.pipeline.Inputs;

/**
 * ./cxrbench filter: every image of an image folder or manifest judged high / medium / low / not-relevant by one
 * judge; the images whose verdict the policy removes are dropped; the kept set, every judgement and a summary are
 * written atomically to the output folder (see {@link FilterWriter}). The pipeline's filter stage: call
 * {@link #run(Request, PrintStream)} and use {@link Result#keptManifest()} as the filtered synthetic set.
 */
public final class FilterJob {
    private FilterJob() {}

    public static final List<String> JUDGES = List.of("builtin", "vlm", "labels-file", "onnx");

    /**
     * What a judge needs besides the images.
     *
     * @param labels         labels-file: CSV image,verdict or JSONL
     * @param endpoint       vlm: OpenAI-compatible base URL (http://host:port/v1)
     * @param model          vlm: the served model's name; onnx: the model file
     * @param concurrency    vlm: requests in flight
     * @param timeoutSeconds vlm: per-request timeout
     * @param retries        vlm: retries per image after a failed request (exponential backoff)
     * @param preset         onnx: the model's preprocessing (encode presets, or gray64/gray128/gray224...)
     * @param labelMap       onnx: output index -> verdict (JSON list or object, or one answer per line)
     * @param falseRejection builtin: the share of real calibration images the thresholds may reject
     * @param vlm            vlm: on_error, api_key_env, max_rps, model_fingerprint
     */
    public record JudgeSettings(Path labels, String endpoint, String model, int concurrency, double timeoutSeconds,
                                int retries, String preset, Path labelMap, double falseRejection, VlmOptions vlm) {
        public JudgeSettings {
            vlm = vlm == null ? VlmOptions.defaults() : vlm;
        }

        public JudgeSettings(Path labels, String endpoint, String model, int concurrency, double timeoutSeconds,
                             int retries, String preset, Path labelMap, double falseRejection) {
            this(labels, endpoint, model, concurrency, timeoutSeconds, retries, preset, labelMap, falseRejection, null);
        }

        public static JudgeSettings defaults() {
            return new JudgeSettings(null, null, null, 8, 120, 4, null, null, 0.02);
        }

        public JudgeSettings withVlmOptions(VlmOptions options) {
            return new JudgeSettings(labels, endpoint, model, concurrency, timeoutSeconds, retries, preset, labelMap, falseRejection,
                    options);
        }

        public JudgeSettings withLabels(Path file) {
            return new JudgeSettings(file, endpoint, model, concurrency, timeoutSeconds, retries, preset, labelMap, falseRejection, vlm);
        }

        public JudgeSettings withVlm(String url, String name) {
            return new JudgeSettings(labels, url, name, concurrency, timeoutSeconds, retries, preset, labelMap, falseRejection, vlm);
        }

        public JudgeSettings withOnnx(Path modelFile, String presetName, Path map) {
            return new JudgeSettings(labels, endpoint, modelFile.toString(), concurrency, timeoutSeconds, retries, presetName, map,
                    falseRejection, vlm);
        }

        public JudgeSettings withFalseRejection(double rate) {
            return new JudgeSettings(labels, endpoint, model, concurrency, timeoutSeconds, retries, preset, labelMap, rate, vlm);
        }
    }

    /**
     * @param input        image folder or manifest CSV (the synthetic set)
     * @param out          output folder (replaced as a whole)
     * @param judge        builtin, vlm, labels-file or onnx
     * @param calibrate    real images (folder or manifest) that calibrate the builtin judge
     * @param remove       verdicts removed (default low, not-relevant)
     * @param images       none, link (hard links, copies where links are impossible) or copy
     * @param verdictCache folder of cached verdicts, or null for none
     */
    public record Request(Path input, Path out, String judge, Path calibrate, Set<Verdict> remove, FilterWriter.Images images,
                          JudgeSettings settings, Path verdictCache, String command, int threads) {
        public Request {
            judge = judge == null ? "builtin" : judge.trim().toLowerCase(Locale.ROOT);
            remove = remove == null ? EnumSet.of(Verdict.LOW, Verdict.NOT_RELEVANT) : Collections.unmodifiableSet(EnumSet.copyOf(remove));
            images = images == null ? FilterWriter.Images.NONE : images;
            settings = settings == null ? JudgeSettings.defaults() : settings;
            command = command == null ? "cxrbench filter" : command;
        }

        /** The input checks, all before any work. */
        public void check() {
            if (input == null) {
                throw new BadInputException("--input is required: an image folder or a manifest CSV");
            }
            if (!Files.exists(input)) {
                throw BadInputException.of(input, "not found", "give --input an image folder or a manifest CSV");
            }
            if (Files.isRegularFile(input) && !Manifest.looksLikeManifest(input)) {
                throw BadInputException.of(input, "is not a manifest CSV (id,path,... header) nor an image folder",
                        "the filter needs the images: give a folder or a manifest ('./cxrbench manifest')");
            }
            if (out == null) {
                throw new BadInputException("--out is required: the output folder");
            }
            Outputs.requireWritableDir("out", out);
            if (!JUDGES.contains(judge)) {
                throw new BadInputException("--judge " + judge + ": use one of " + String.join(", ", JUDGES));
            }
            if (threads < 1) {
                throw new BadInputException("--threads " + threads + ": give at least 1");
            }
            JudgeSettings s = settings;
            switch (judge) {
                case "builtin" -> {
                    if (calibrate == null) {
                        throw new BadInputException("--judge builtin needs --calibrate REAL: a folder or manifest of real "
                                + "chest X-rays that sets its thresholds");
                    }
                    if (!Files.exists(withoutSplit(calibrate))) {
                        throw BadInputException.of(withoutSplit(calibrate), "not found", "give --calibrate a folder or manifest (M.csv#split) of real images");
                    }
                    if (!(s.falseRejection() > 0 && s.falseRejection() < 0.5)) {
                        throw new BadInputException("--false-rejection " + s.falseRejection() + ": give a share in (0, 0.5), e.g. 0.02");
                    }
                }
                case "labels-file" -> {
                    if (s.labels() == null) {
                        throw new BadInputException("--judge labels-file needs --labels FILE (CSV image,verdict or JSONL)");
                    }
                }
                case "vlm" -> {
                    if (s.endpoint() == null || s.model() == null) {
                        throw new BadInputException("--judge vlm needs --endpoint http://host:port/v1 and --model NAME");
                    }
                    if (s.concurrency() < 1 || s.retries() < 0 || !(s.timeoutSeconds() > 0)) {
                        throw new BadInputException("--concurrency, --retries and --timeout must be positive (got "
                                + s.concurrency() + ", " + s.retries() + ", " + s.timeoutSeconds() + ")");
                    }
                }
                case "onnx" -> {
                    if (s.model() == null || s.labelMap() == null) {
                        throw new BadInputException("--judge onnx needs --model FILE.onnx and --label-map FILE");
                    }
                }
                default -> throw new IllegalStateException(judge);
            }
            if (remove.isEmpty()) {
                throw new BadInputException("--remove names no verdict; give e.g. low,not-relevant");
            }
        }
    }

    /**
     * @param keptManifest the kept set (out/manifest.csv): the filtered synthetic set for the next stages
     * @param summary      the output folder's summary.json
     * @param upToDate     true when the output folder already held this run's result and was left untouched
     */
    public record Result(Path out, Path keptManifest, FilterSummary summary, boolean upToDate) {
        public int total() {
            return summary.total();
        }

        public int kept() {
            return summary.kept();
        }

        public int removed() {
            return summary.removed();
        }

        /** verdict -> images. */
        public Map<String, Integer> counts() {
            return summary.counts();
        }
    }

    /** {@code M.csv#split} without its split; any other path as it is. */
    static Path withoutSplit(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        return !Files.exists(p) && name.contains("#") ? p.resolveSibling(name.substring(0, name.indexOf('#'))) : p;
    }

    public static Set<Verdict> parseRemove(String list) {
        if (list == null) {
            return EnumSet.of(Verdict.LOW, Verdict.NOT_RELEVANT);
        }
        Set<Verdict> s = EnumSet.noneOf(Verdict.class);
        for (String p : list.split(",")) {
            if (!p.isBlank()) {
                s.add(Verdict.ofKey(p));
            }
        }
        return s;
    }

    public static Result run(Request req, PrintStream log) {
        return run(req, log, new java.util.HashMap<>());
    }

    /**
     * As {@link #run(Request, PrintStream)}, with judges shared through {@code judges} (spec key -> judge): a config
     * run filters several generators with one calibrated judge.
     */
    static Result run(Request req, PrintStream log, Map<String, Judge> judges) {
        req.check();
        long t0 = System.nanoTime();
        Manifest m = (Files.isDirectory(req.input()) ? FolderReader.read(req.input(), null) : Manifest.read(req.input()))
                .withImageHashes();
        FilterWriter.prepare(req.out());
        FilterJudges.Built built = FilterJudges.spec(req, m, log);
        String runKey = Hashing.ofString(String.join("\n", m.imagesHash(), manifestContentHash(m), built.specKey(),
                req.remove().toString(), req.images().name()));
        // without the verdict cache (--no-cache) the VLM is asked again, whatever the output folder holds
        boolean askAgain = req.verdictCache() == null && req.judge().equals("vlm");
        if (!askAgain && runKey.equals(FilterWriter.existingRunKey(req.out()))) {
            log.printf("filter: %s is up to date (same images, judge and policy); nothing to do%n", req.out());
            return fromSummary(req.out(), true);
        }
        Judge judge = judges.computeIfAbsent(built.specKey(), k -> built.create().get());
        Judgement[] js = judgeAll(judge, m, req, log);
        int kept = FilterSummary.kept(js, req.remove());
        Provenance.Builder p = Provenance.builder(req.command()).threads(req.threads())
                .input("input", m.imagesHash()).setting("judge", judge.fingerprint())
                .setting("remove", String.join(",", req.remove().stream().map(Verdict::key).toList()));
        if (Files.isRegularFile(req.input())) {
            p.input("input_manifest", Hashing.ofFile(req.input()));
        }
        built.inputs().forEach(p::input);
        FilterSummary summary = FilterSummary.of(m, js, req.remove(), req.images(), judge.info(), p.build());
        FilterWriter.write(req.out(), m, js, judge, req.remove(), req.images(), summary, runKey, log);
        double secs = (System.nanoTime() - t0) / 1e9;
        log.printf(Locale.ROOT, "filter: %d images judged by %s in %.1f s: %s; kept %d, removed %d -> %s%n", js.length,
                judge.name(), secs, FilterSummary.counts(js), kept, js.length - kept, req.out().resolve("manifest.csv"));
        return fromSummary(req.out(), false);
    }

    /** Judges every image, through the verdict cache for judges whose verdicts depend on the image only. */
    static Judgement[] judgeAll(Judge judge, Manifest m, Request req, PrintStream log) {
        Judgement[] js = new Judgement[m.size()];
        VerdictCache cache = judge.cacheable() && req.verdictCache() != null ? new VerdictCache(req.verdictCache()) : null;
        List<Integer> todo = new ArrayList<>();
        if (cache != null) {
            Map<String, Judgement> cached = cache.load(judge.fingerprint());
            for (int i = 0; i < m.size(); i++) {
                js[i] = cached.get(cacheKey(m.get(i)));
                if (js[i] == null) {
                    todo.add(i);
                }
            }
            if (todo.size() < m.size()) {
                log.printf("filter: %d of %d verdicts from the cache (%s)%n", m.size() - todo.size(), m.size(), cache.root());
            }
        } else {
            for (int i = 0; i < m.size(); i++) {
                todo.add(i);
            }
        }
        // progress to this job's log (nothing with -q): judges may call the sink from their own threads
        org.cxrbench.common.Progress.Meter meter = org.cxrbench.common.Progress.to(log)
                .meter("filter: " + judge.name() + " judge", todo.size(), "images");
        judge.judge(m, todo, req.threads(), (i, j) -> {
            js[i] = j;
            if (cache != null) {
                cache.store(judge.fingerprint(), cacheKey(m.get(i)), j);
            }
            meter.step();
        }, log);
        for (int i = 0; i < js.length; i++) {
            if (js[i] == null) {
                throw new IllegalStateException(judge.name() + " gave no verdict for image " + m.get(i).id());
            }
        }
        return js;
    }

    /**
     * A verdict's cache key: the image's hash and a hash of what it was asked to show (its labels and prompt). The
     * builtin judge's relevance test and the VLM's prompt both read the description, so the same image requested
     * with other labels is judged again, never served another request's verdict.
     */
    static String cacheKey(org.cxrbench.data.ManifestRecord r) {
        String request = Hashing.ofString(java.util.Arrays.toString(r.labels().toArray()) + "\n" + r.prompt());
        return r.sha256() + "+" + request.substring(request.length() - 16);
    }

    /** A hash of everything in the manifest that a filter output depends on (ids, paths, labels, prompts). */
    static String manifestContentHash(Manifest m) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < m.size(); i++) {
            var r = m.get(i);
            b.append(r.id()).append('\t').append(m.imagePath(i)).append('\t').append(java.util.Arrays.toString(r.labels().toArray()))
                    .append('\t').append(r.prompt()).append('\n');
        }
        return Hashing.ofString(b.toString());
    }

    static Result fromSummary(Path out, boolean upToDate) {
        return new Result(out, out.resolve("manifest.csv"), FilterSummary.read(out.resolve("summary.json")), upToDate);
    }
}
