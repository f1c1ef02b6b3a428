package org.cxrbench.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.cxrbench.linalg.Features;

/**
 * Executor side of the feature store: reads a block's rows by path (positioned reads of the files that hold them),
 * and whole sets, kept per executor JVM for the tasks that all need them (what a broadcast did, without the
 * driver sending the rows).
 */
final class SetReader {
    private SetReader() {}

    /** Sets handed over in memory when the executors are the driver's JVM (local masters). */
    static final Map<String, Features> inThisJvm = new ConcurrentHashMap<>();

    /** Whole sets read in this executor JVM, the most recent two (a job needs one at a time). */
    private static final Map<String, Features> WHOLE = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Features> eldest) {
            return size() > 2;
        }
    };

    static Features whole(SetRef set) {
        Features mem = inThisJvm.get(set.id());
        if (mem != null) {
            return mem;
        }
        synchronized (WHOLE) {
            Features f = WHOLE.get(set.id());
            if (f == null) {
                f = rows(set, 0, set.n());
                WHOLE.put(set.id(), f);
            }
            return f;
        }
    }

    static Features block(SetRef.Block b) {
        Features mem = inThisJvm.get(b.set().id());
        if (mem != null) {
            return b.from() == 0 && b.to() == mem.n() ? mem : mem.rows(b.from(), b.to());
        }
        return rows(b.set(), b.from(), b.to());
    }

    /** Rows [from, to) of a stored set, as doubles (float32 files widen exactly). */
    static Features rows(SetRef set, int from, int to) {
        int d = set.d();
        double[] out = new double[(to - from) * d];
        int bpv = set.bytesPerValue();
        try {
            FileSystem fs = SetStore.fileSystem(set.uri());
            int r = from;
            while (r < to) {
                int part = r / set.fileRows();
                int partEnd = Math.min(to, (part + 1) * set.fileRows());
                int rows = partEnd - r;
                long pos = (long) (r - part * set.fileRows()) * d * bpv;
                byte[] bytes = new byte[rows * d * bpv];
                try (FSDataInputStream in = fs.open(new Path(set.file(part)))) {
                    in.readFully(pos, bytes);
                }
                ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                int o = (r - from) * d;
                for (int i = 0; i < rows * d; i++) {
                    out[o + i] = set.float32() ? buf.getFloat() : buf.getDouble();
                }
                r = partEnd;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rows " + from + ".." + to + " of " + set.uri()
                    + " (every executor must reach the Spark store, -Dcxrbench.spark.store): " + e.getMessage(), e);
        }
        return new Features(to - from, d, out);
    }
}
