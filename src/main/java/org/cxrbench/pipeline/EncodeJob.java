package org.cxrbench.pipeline;

import org.cxrbench.common.Outputs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.encode.FeatureEncoders;
import org.cxrbench.encode.FeatureFiles;

/** ./cxrbench encode: features of an image folder or manifest, as float32 .npy in input order. */
public final class EncodeJob {
    private EncodeJob() {}

    public record Request(Path input, String encoder, Path out, String command) {
        public Request {
            if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
                throw new BadInputException("--out " + out + ": features are written as .npy; name the file *.npy");
            }
        }
    }

    public static void run(Request req, RunContext ctx) {
        Outputs.requireWritable("out", req.out());
        PrintStream log = ctx.log();
        long t0 = System.nanoTime();
        Inputs.Loaded in = Inputs.load(ctx, req.input(), null, "input", req.encoder());
        if (in.manifest() == null) {
            throw BadInputException.of(req.input(), "is already a feature file", "give an image folder or a manifest CSV");
        }
        FeatureFiles.writeNpy(req.out(), in.features());
        // row i of the .npy is image i of this manifest copy
        in.manifest().write(req.out().resolveSibling(req.out().getFileName() + ".manifest.csv"));
        Provenance.Builder p = Provenance.builder(req.command()).threads(ctx.threads()).setting("encoder", in.encoder())
                .setting("rows", in.features().n()).setting("dimension", in.features().d());
        in.record(p, "input");
        Json.writeSidecar(req.out(), p.build());
        org.cxrbench.encode.Encoder enc = org.cxrbench.encode.Encoders.get(
                org.cxrbench.encode.FeatureEncoders.imageEncoder(req.encoder()) == null ? org.cxrbench.encode.Encoders.DEFAULT
                        : org.cxrbench.encode.FeatureEncoders.imageEncoder(req.encoder()));
        if (enc instanceof org.cxrbench.encode.RadiomicsEncoder r) {
            org.cxrbench.common.AtomicFiles.writeString(req.out().resolveSibling(req.out().getFileName() + ".features.txt"),
                    String.join("\n", r.featureNames()) + "\n");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        ctx.out().printf(Locale.ROOT, "wrote %s: %d x %d float32 (%.1f s, %.0f images/s); row order in %s.manifest.csv%n",
                req.out(), in.features().n(), in.features().d(), secs, in.features().n() / secs, req.out().getFileName());
    }

    /** ./cxrbench encode as a stage. */
    public record AsStage(Request request) implements Stage.OnFiles<Void> {
        @Override public String name() {
            return "encode";
        }

        @Override public Map<String, Path> files() {
            return Stage.files("input", request.input());
        }

        @Override public Map<String, Path> writes() {
            return Stage.files("out", request.out());
        }

        @Override public EncodeSettings settings() {
            return EncodeSettings.of(String.valueOf(request.encoder()));
        }

        @Override public Void compute(RunContext ctx) {
            run(request, ctx);
            return null;
        }
    }
}
