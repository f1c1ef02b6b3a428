package org.cxrbench.pipeline;

import org.cxrbench.common.Outputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.common.ResultsJson;
import org.cxrbench.common.Version;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;

/**
 * The one executor of {@link Stage}s. Before any work it checks the stage's declared files (inputs present, outputs
 * writable). With a folder (a config run's {@code DIR/.stages/}) it stores each output in one file named by the
 * stage's content key ({@link Stage#key()}), with the build that computed it beside it ({@code FILE.build},
 * {@link Version#build()}): a stage whose file exists and was stored by this build is not run again (one stored by
 * another build, or with no build recorded, is computed again and said so on stderr); outputs are written
 * atomically (temp file, rename), so a run killed at any moment leaves only complete outputs and the next run resumes
 * after the last finished stage. A stage's result is always what was written to disk, read back, so a resumed run's
 * numbers are those of an uninterrupted run. Without a folder ({@link #throwAway}, the CLI commands) it runs the
 * stage and stores nothing. Every stage run and every reuse is logged, timed and counted.
 */
public final class StageCache {
    /** An Evaluation (fidelity, privacy, noise floor), stored as a results JSON. */
    public static final Stage.Store<Evaluation> EVALUATION = store(".json", ResultsJson::write, ResultsJson::read);
    /** Features (encode), stored as float32 .npy (features are float32 everywhere). */
    public static final Stage.Store<Features> FEATURES = store(".npy", FeatureFiles::writeNpy, FeatureFiles::read);
    /**
     * A stage whose outputs live elsewhere (rendered data sets, the filter's folder): an empty marker, written after
     * the work returns, says they are complete.
     */
    public static final Stage.Store<Void> MARKER = store(".done", (f, v) -> AtomicFiles.writeString(f, "done\n"), f -> null);
    /**
     * A typed result (the utility block) stored as JSON through its Jackson binding and read back through the same
     * binding.
     */
    public static <T> Stage.Store<T> json(Class<T> type) {
        return store(".json", Json::write, f -> readJson(f, type));
    }

    /** The store of a stage that writes its own outputs (a CLI command's): it runs only on a throw-away executor. */
    @SuppressWarnings("unchecked")
    public static <O> Stage.Store<O> notStored() {
        return (Stage.Store<O>) NOT_STORED;
    }

    private static final Stage.Store<Object> NOT_STORED = store(".none", (f, v) -> {
        throw new IllegalStateException("a command stage is not stored; run it on StageCache.throwAway");
    }, f -> {
        throw new IllegalStateException("a command stage is not stored; run it on StageCache.throwAway");
    });

    private final Path dir;
    private volatile boolean warnedOfBuild;
    private final RunContext ctx;
    private final List<String> executed = Collections.synchronizedList(new ArrayList<>());
    private final List<String> reused = Collections.synchronizedList(new ArrayList<>());

    public StageCache(Path dir, RunContext ctx) {
        this.dir = dir;
        this.ctx = ctx;
    }

    /** An executor that stores nothing: a CLI command's one-stage graph. */
    public static StageCache throwAway(RunContext ctx) {
        return new StageCache(null, ctx);
    }

    public Path dir() {
        return dir;
    }

    /** The stages computed in this run, as "name[label]", in order. */
    public List<String> executed() {
        return List.copyOf(executed);
    }

    /** The stages whose outputs were found under .stages and reused. */
    public List<String> reused() {
        return List.copyOf(reused);
    }

    /** Runs a stage, or reads its stored output when one exists under its key. */
    public <O> O run(Stage<O> stage) {
        stage.files().forEach(Inputs::requireExisting);
        stage.writes().forEach((opt, p) -> Outputs.requireWritable(opt, p));
        String id = stage.name() + "[" + stage.label() + "]";
        if (dir == null) {
            long t0 = System.nanoTime();
            O out = stage.compute(ctx);
            executed.add(id);
            ctx.log().printf(Locale.ROOT, "%s: done in %.1f s%n", stage.name(), (System.nanoTime() - t0) / 1e9);
            return out;
        }
        String key = stage.key();
        Path f = dir.resolve(stage.name() + "-" + key.replace("sha256:", "").substring(0, 32) + stage.store().extension());
        Path build = f.resolveSibling(f.getFileName() + ".build");
        if (Files.isRegularFile(f)) {
            String storedBy = storedBy(build);
            if (Version.build().equals(storedBy)) {
                reused.add(id);
                ctx.log().printf("stage %s: cached (%s)%n", id, dir.relativize(f));
                return stage.store().read(f);
            }
            String by = storedBy == null ? "an unrecorded build" : storedBy;
            if (!warnedOfBuild) {
                warnedOfBuild = true;
                ctx.log().printf("warning: stored stages of %s were computed by %s, not by this build (%s): they are "
                        + "computed again%n", dir, by, Version.build());
            }
            ctx.log().printf("stage %s: stored by %s: computed again%n", id, by);
        }
        long t0 = System.nanoTime();
        O out = stage.compute(ctx);
        stage.store().write(f, out);
        AtomicFiles.writeString(build, Version.build() + "\n"); // after the output: a kill between leaves no false record
        executed.add(id);
        ctx.log().printf(Locale.ROOT, "stage %s: done in %.1f s%n", id, (System.nanoTime() - t0) / 1e9);
        return stage.store().read(f);
    }

    /** The build recorded beside a stored output, or null when none was. */
    private static String storedBy(Path build) {
        try {
            return Files.isRegularFile(build) ? Files.readString(build).strip() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A minimal provenance for stage files (the run's results.json carries the full one). */
    public static Provenance stageProvenance(String name, String key) {
        return Provenance.builder("stage " + name).setting("key", key).build();
    }

    private static <O> Stage.Store<O> store(String ext, java.util.function.BiConsumer<Path, O> write,
                                            java.util.function.Function<Path, O> read) {
        return new Stage.Store<>() {
            @Override public String extension() {
                return ext;
            }

            @Override public void write(Path file, O value) {
                write.accept(file, value);
            }

            @Override public O read(Path file) {
                return read.apply(file);
            }
        };
    }

    private static <T> T readJson(Path f, Class<T> type) {
        try {
            return Json.MAPPER.readValue(f.toFile(), type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
