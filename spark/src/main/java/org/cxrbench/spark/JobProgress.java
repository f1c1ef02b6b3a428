package org.cxrbench.spark;

import java.util.function.Supplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.cxrbench.common.Progress;

/**
 * Progress of the engine's Spark jobs on the driver: each job the engine runs ({@link #run}) gets a meter over its
 * tasks ("done/total tasks, rate, ETA" on the run's log, nothing with -q), fed by this listener's task-end events;
 * a heartbeat line says how long a job has run before its first task ends. The engine runs one job at a time.
 */
final class JobProgress extends SparkListener {
    private final Progress progress;
    private volatile Progress.Meter current;

    JobProgress(Progress progress) {
        this.progress = progress;
    }

    /** Runs {@code job}, a Spark job of {@code tasks} tasks in all (every stage's), under a meter named {@code what}. */
    <T> T run(String what, int tasks, Supplier<T> job) {
        Progress.Meter m = progress.meter("spark " + what, tasks, "tasks");
        current = m;
        try (Progress.Ticking t = m.ticking()) {
            return job.get();
        } finally {
            current = null;
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        Progress.Meter m = current;
        // a failed attempt is retried (spark.task.maxFailures): only successful ends count
        if (m != null && end.taskInfo() != null && end.taskInfo().successful()) {
            m.step();
        }
    }
}
