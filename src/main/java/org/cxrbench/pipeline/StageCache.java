package org.cxrbench.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.Provenance;
import org.cxrbench.common.ResultsJson;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;

/**
 * A config run's stage outputs under {@code DIR/.stages/}, one file per stage named by its content key
 * ({@link Runner#key(String, java.util.Map, java.util.Map)}: the stage's name, settings and the content keys of its
 * inputs). A stage whose output file exists is not run again; outputs are written atomically (temp file, rename), so
 * a run killed at any moment leaves only complete outputs and the next run resumes after the last finished stage.
 * A stage's result is always what was written to disk, read back, so a resumed run's numbers are those of an
 * uninterrupted run. Every stage run and every reuse is logged and counted.
 */
public final class StageCache {
    private final Path dir;
    private final RunContext ctx;
    private final List<String> executed = Collections.synchronizedList(new ArrayList<>());
    private final List<String> reused = Collections.synchronizedList(new ArrayList<>());

    public StageCache(Path dir, RunContext ctx) {
        this.dir = dir;
        this.ctx = ctx;
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

    Path file(String name, String key, String ext) {
        return dir.resolve(name + "-" + key.replace("sha256:", "").substring(0, 32) + ext);
    }

    /** An Evaluation-valued stage (fidelity, privacy, noise floor), stored as a results JSON. */
    public Evaluation evaluation(String name, String label, String key, Supplier<Evaluation> work) {
        Path f = file(name, key, ".json");
        return cached(name, label, f, () -> ResultsJson.write(f, work.get()), ResultsJson::read);
    }

    /** A features-valued stage (encode), stored as float32 .npy (features are float32 everywhere). */
    public Features features(String name, String label, String key, Supplier<Features> work) {
        Path f = file(name, key, ".npy");
        return cached(name, label, f, () -> FeatureFiles.writeNpy(f, work.get()), FeatureFiles::read);
    }

    /** A stage that writes one JSON file itself ({@code work} gets the path to write, atomically); returns that path. */
    public Path json(String name, String label, String key, java.util.function.Consumer<Path> work) {
        Path f = file(name, key, ".json");
        return cached(name, label, f, () -> work.accept(f), p -> p);
    }

    /**
     * A stage whose outputs live elsewhere (e.g. rendered data sets): {@code work} writes them; an empty marker
     * file, written after it returns, says they are complete.
     */
    public void marker(String name, String label, String key, Runnable work) {
        Path f = file(name, key, ".done");
        cached(name, label, f, () -> {
            work.run();
            org.cxrbench.common.AtomicFiles.writeString(f, key + "\n");
        }, p -> null);
    }

    private <T> T cached(String name, String label, Path f, Runnable compute, Function<Path, T> read) {
        String id = name + "[" + label + "]";
        if (Files.isRegularFile(f)) {
            reused.add(id);
            ctx.log().printf("stage %s: cached (%s)%n", id, dir.relativize(f));
            return read.apply(f);
        }
        long t0 = System.nanoTime();
        compute.run();
        executed.add(id);
        ctx.log().printf(Locale.ROOT, "stage %s: done in %.1f s%n", id, (System.nanoTime() - t0) / 1e9);
        return read.apply(f);
    }

    /** A minimal provenance for stage files (the run's results.json carries the full one). */
    public static Provenance stageProvenance(String name, String key) {
        return Provenance.builder("stage " + name).setting("key", key).build();
    }
}
