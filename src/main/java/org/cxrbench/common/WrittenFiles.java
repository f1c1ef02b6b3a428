package org.cxrbench.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a process has finished writing, kept small: the number of files, the count per folder (in the order the
 * folders were first written to) and the first {@link #SAMPLE} paths, not every path (a demo finishes about 7,000
 * files; a full release's feature cache far more). Thread-safe.
 */
public final class WrittenFiles {
    /** Paths kept as a sample at most. */
    public static final int SAMPLE = 8;

    private long total;
    private final Map<Path, Long> perFolder = new LinkedHashMap<>();
    private final List<Path> sample = new ArrayList<>();

    /** What was written up to one moment: the count, the counts per folder in first-written order, the sample. */
    public record Snapshot(long total, Map<Path, Long> perFolder, List<Path> sample) {
        public Snapshot {
            perFolder = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perFolder));
            sample = List.copyOf(sample);
        }
    }

    /** Counts one finished file. */
    public synchronized void add(Path file) {
        total++;
        perFolder.merge(file.getParent(), 1L, Long::sum);
        if (sample.size() < SAMPLE) {
            sample.add(file);
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(total, perFolder, sample);
    }

    /** The tally of {@code files}, in order. */
    public static Snapshot of(List<Path> files) {
        WrittenFiles w = new WrittenFiles();
        files.forEach(w::add);
        return w.snapshot();
    }
}
