package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cxrbench.filter.FilterWriter;
import org.cxrbench.filter.VerdictCache;
import org.cxrbench.filter.FilterJob;
import org.cxrbench.filter.VlmOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "filter", header = "Quality filter: judge every image high/medium/low/not-relevant, keep the good ones.",
        mixinStandardHelpOptions = true,
        description = {"Judges every image of a folder or manifest as SynthCheX-75K did (High / Medium / Low Quality,",
                "Not Relevant), removes the verdicts of --remove and writes OUT/manifest.csv (the kept set),",
                "OUT/judgements.csv (every decision) and OUT/summary.json (counts overall and per pathology, the",
                "policy, the judge and its thresholds). Atomic and idempotent; verdicts are cached so a killed run",
                "resumes. Judges: builtin (offline, calibrated on --calibrate REAL), vlm (an OpenAI-compatible",
                "endpoint), labels-file (--labels CSV/JSONL of answers made elsewhere), onnx (your classifier)."})
public final class FilterCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin CacheOptions caching;

    @Option(names = "--input", required = true, paramLabel = "X", description = "Image folder or manifest CSV.") Path input;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (replaced as a whole).") Path out;
    @Option(names = "--judge", defaultValue = "builtin", paramLabel = "J",
            description = "builtin, vlm, labels-file or onnx. Default: ${DEFAULT-VALUE}.") String judge;
    @Option(names = "--calibrate", paramLabel = "REAL", description = "builtin: real images (folder, manifest, or one split: M.csv#split) that set the thresholds.")
    Path calibrate;
    @Option(names = "--false-rejection", defaultValue = "0.02", paramLabel = "RATE",
            description = "builtin: share of real images the thresholds may reject. Default: ${DEFAULT-VALUE}.") double falseRejection;
    @Option(names = "--remove", defaultValue = "low,not-relevant", paramLabel = "LIST",
            description = "Verdicts removed. Default: ${DEFAULT-VALUE}.") String remove;
    @Option(names = "--images", defaultValue = "none", paramLabel = "MODE",
            description = "none, link (hard links beside the kept manifest) or copy. Default: ${DEFAULT-VALUE}.") String images;
    @Option(names = "--labels", paramLabel = "FILE", description = "labels-file: CSV image,verdict or JSONL with those keys.") Path labels;
    @Option(names = "--endpoint", paramLabel = "URL", description = "vlm: OpenAI-compatible base URL, e.g. http://localhost:8000/v1.") String endpoint;
    @Option(names = "--model", paramLabel = "NAME", description = "vlm: the served model's name; onnx: the model file.") String model;
    @Option(names = "--concurrency", defaultValue = "8", description = "vlm: requests in flight. Default: ${DEFAULT-VALUE}.") int concurrency;
    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS", description = "vlm: per-request timeout. Default: ${DEFAULT-VALUE}.") double timeout;
    @Option(names = "--retries", defaultValue = "4", description = "vlm: retries after a failed request, with exponential backoff. Default: ${DEFAULT-VALUE}.") int retries;
    @Option(names = "--on-error", defaultValue = "unjudged", paramLabel = "POLICY", description = "vlm: an image the model "
            + "cannot judge (an answer outside the four labels, retries exhausted) is 'unjudged' with the reason, kept or "
            + "removed by --remove and asked again next run (unjudged), or stops the run with exit 2 (fail). Default: ${DEFAULT-VALUE}.")
    String onError;
    @Option(names = "--api-key-env", paramLabel = "NAME", description = "vlm: the environment variable holding the API key "
            + "(sent as 'Authorization: Bearer'; only the name is recorded).") String apiKeyEnv;
    @Option(names = "--max-rps", defaultValue = "0", paramLabel = "R", description = "vlm: requests started per second, "
            + "shared by all workers (0: no limit). Default: ${DEFAULT-VALUE}.") double maxRps;
    @Option(names = "--model-fingerprint", paramLabel = "ID", description = "vlm: your identity of the weights behind "
            + "--model (a checkpoint hash or date); part of the verdict cache key, so a swapped model is asked again.")
    String modelFingerprint;
    @Option(names = "--preset", paramLabel = "P", description = "onnx: the model's preprocessing (an encode preset, or grayN: N x N grey in [0,1]).") String preset;
    @Option(names = "--label-map", paramLabel = "FILE", description = "onnx: output index -> verdict (JSON list/object, or one answer per line).") Path labelMap;
    @Option(names = "--verdict-cache", paramLabel = "DIR", description = "Cached verdicts (default: $CXRBENCH_VERDICT_CACHE or 'verdicts' beside the feature cache); --no-cache disables it.")
    Path verdictCache;

    @Override
    public Integer call() {
        Path vc = caching.noCache ? null : verdictCache != null ? verdictCache
                : VerdictCache.defaultRoot(caching.folder.cache != null ? caching.folder.cache
                        : org.cxrbench.encode.FeatureCache.defaultRoot());
        FilterJob.JudgeSettings s = new FilterJob.JudgeSettings(labels, endpoint, model, concurrency, timeout, retries, preset,
                labelMap, falseRejection, new VlmOptions(VlmOptions.OnError.parse(onError), apiKeyEnv, maxRps, modelFingerprint));
        FilterJob.Result r = FilterJob.run(new FilterJob.Request(input, out, judge, calibrate, FilterJob.parseRemove(remove),
                FilterWriter.Images.parse(images), s, vc, CommonOptions.commandLine(spec), common.threads()), common.log());
        System.out.printf("kept %d of %d (removed %d): %s -> %s%n", r.kept(), r.total(), r.removed(), r.counts(), r.keptManifest());
        return Main.OK;
    }
}
