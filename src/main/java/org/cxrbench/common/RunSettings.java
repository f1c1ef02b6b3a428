package org.cxrbench.common;

/**
 * The settings of the run the current thread works for, for code that is not handed the run (a data-layer step
 * deep inside a command, e.g. how image hashes are checked). A run's worker threads implement {@link Source}
 * ({@code linalg.Workers}); on any other thread (library use, a Spark task) every setting is its fallback. A setting
 * therefore travels with its run: two runs in one process never see each other's settings, and nothing is left
 * behind for the next run.
 */
public final class RunSettings {
    private RunSettings() {}

    /** A thread that belongs to a run and can say the run's settings (keyed by their type). */
    public interface Source {
        /** The run's setting of this type, or {@code fallback} when the run has none. */
        <T> T setting(Class<T> type, T fallback);
    }

    /** The current run's setting of {@code type}, or {@code fallback} outside a run or when the run has none. */
    public static <T> T current(Class<T> type, T fallback) {
        return Thread.currentThread() instanceof Source s ? s.setting(type, fallback) : fallback;
    }
}
