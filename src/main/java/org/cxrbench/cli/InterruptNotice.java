package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.WrittenFiles;

/**
 * The one line an interrupted command prints (Ctrl-C, SIGTERM: the JVM runs its shutdown hooks, then exits 130/143):
 * "nothing written", or how many files it finished and where (cached stages, feature-cache blocks, outputs; every
 * file goes through {@link AtomicFiles}, so none is half-written). Printed from a shutdown hook when the command did
 * not reach its normal end.
 */
final class InterruptNotice {
    private InterruptNotice() {}

    private static volatile boolean finished;
    private static volatile boolean installed;

    /** Installs the hook once per process. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        // load AtomicFiles now: its class initialiser adds a hook too, which fails once shutdown has begun
        AtomicFiles.written();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished) {
                System.err.println(message(AtomicFiles.written()));
                System.err.flush();
            }
        }, "cxrbench-interrupt-notice"));
    }

    /** The command ended by itself (any exit code): the hook stays silent. */
    static void finished() {
        finished = true;
    }

    /** Folders named in the message at most; the rest are counted. */
    static final int FOLDERS_NAMED = 3;

    /** The line for these files, in the order they were finished ({@link #message(WrittenFiles.Snapshot)}). */
    static String message(List<Path> written) {
        return message(WrittenFiles.of(written));
    }

    /** The line: "nothing written", or the finished files' count and folders (with counts when several). */
    static String message(WrittenFiles.Snapshot written) {
        if (written.total() == 0) {
            return "cxrbench: interrupted; nothing written";
        }
        if (written.total() == 1) {
            return "cxrbench: interrupted; kept 1 finished file: " + written.sample().get(0)
                    + " (a rerun of the same command reuses what it can)";
        }
        Map<Path, Long> byFolder = written.perFolder();
        StringBuilder b = new StringBuilder("cxrbench: interrupted; kept " + written.total() + " finished files in ");
        int i = 0;
        for (Map.Entry<Path, Long> e : byFolder.entrySet()) {
            if (i == FOLDERS_NAMED) {
                b.append(", and ").append(byFolder.size() - FOLDERS_NAMED).append(" more folders");
                break;
            }
            b.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(byFolder.size() > 1 ? " (" + e.getValue() + ")" : "");
        }
        return b.append(" (a rerun of the same command reuses what it can)").toString();
    }
}
