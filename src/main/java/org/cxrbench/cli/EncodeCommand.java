package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cxrbench.pipeline.EncodeJob;
import org.cxrbench.pipeline.Inputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "encode", header = "Image features (cxr-cnn, radiomics, pixels, ONNX, TorchScript), cached, as npy.", mixinStandardHelpOptions = true,
        description = {"Features of every image of a folder (code-point order) or manifest (row order), through the",
                "content-addressed feature cache; written as float32 .npy with the row order beside it."})
public final class EncodeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin CacheOptions caching;
    @Mixin EncoderOptions encoding;
    @Mixin EngineOptions engine;

    @Option(names = "--input", required = true, paramLabel = "X", description = "Image folder or manifest CSV (M.csv#split).") Path input;
    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Features to write (float32 .npy, one row per image, with a provenance sidecar).") Path out;

    @Override
    public Integer call() {
        return engine.run(common.log(), this::runJob);
    }

    private Integer runJob(org.cxrbench.pipeline.Engine e) {
        org.cxrbench.pipeline.StageCache.throwAway(common.context(caching.featureCache()).withEngine(e))
                .run(new EncodeJob.AsStage(new EncodeJob.Request(input, encoding.spec(), out, CommonOptions.commandLine(spec))));
        return Main.OK;
    }
}
