package org.cxrbench.cli;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The one-line error for a full Java heap: what the heap is, and what to give through CXRBENCH_JAVA_OPTS. */
final class OutOfMemory {
    private OutOfMemory() {}

    static boolean isCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    static String message() {
        return message(Runtime.getRuntime().maxMemory(), physicalBytes());
    }

    /**
     * Suggests twice the heap this run had, rounded up to whole GB and kept under 90% of the machine's memory;
     * when the heap already is that large, says that the machine is too small for the input.
     */
    static String message(long maxHeap, long physical) {
        double heapGb = maxHeap / (double) (1L << 30);
        long physGb = physical / (1L << 30);
        long limitGb = physical > 0 ? Math.max(1, (long) Math.floor(0.9 * physical / (1L << 30))) : Long.MAX_VALUE;
        long wantGb = Math.max(1, (long) Math.ceil(2 * heapGb));
        String machine = physical > 0 ? String.format(Locale.ROOT, " (this machine has %d GB)", physGb) : "";
        String heap = heapGb >= 1 ? String.format(Locale.ROOT, "%.1f GB", heapGb)
                : String.format(Locale.ROOT, "%d MB", maxHeap >> 20);
        if (wantGb > limitGb && limitGb <= Math.ceil(heapGb)) {
            return String.format(Locale.ROOT, "error: out of memory: the Java heap (%s) is full and this machine "
                    + "has %d GB; run on a machine with more memory or on smaller inputs (README: Memory)", heap, physGb);
        }
        return String.format(Locale.ROOT, "error: out of memory: the Java heap (%s) is full; give it more, e.g. "
                + "CXRBENCH_JAVA_OPTS=-Xmx%dg ./cxrbench ...%s (README: Memory)", heap, Math.min(wantGb, limitGb),
                machine);
    }

    static long physicalBytes() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
