package org.cxrbench.linalg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the values of a {@link Features} matrix live: rows of d values, addressed by store row. Three kinds:
 * float32 on the heap (one {@code float[]}, what encoders and the feature cache give), float32 memory-mapped from a
 * file (shards of whole rows, read by the operating system as they are touched, so a set larger than the heap
 * can be searched block by block), and float64 on the heap for reference inputs given as exact doubles (golden
 * cases, statistics tests), which stay exact.
 */
abstract class FeatureStore {
    final int d;
    private final long rows;
    private final boolean float32;

    FeatureStore(int d, long rows, boolean float32) {
        this.d = d;
        this.rows = rows;
        this.float32 = float32;
    }

    final long rowCount() {
        return rows;
    }

    /** Whether every value is a float32 (the float32 stores). */
    final boolean float32() {
        return float32;
    }

    abstract double value(long row, int col);

    abstract void row(long row, float[] dst, int off);

    abstract void row(long row, double[] dst, int off);

    /** Rows [row, row + count) into dst from off (row-major). */
    void rows(long row, int count, float[] dst, int off) {
        for (int r = 0; r < count; r++) {
            row(row + r, dst, off + r * d);
        }
    }

    /** float32 rows on the heap, row-major in one array. */
    static final class FloatArray extends FeatureStore {
        final float[] a;

        FloatArray(float[] a, int d) {
            super(d, a.length / d, true);
            this.a = a;
        }

        @Override
        double value(long row, int col) {
            return a[(int) (row * d) + col];
        }

        @Override
        void row(long row, float[] dst, int off) {
            System.arraycopy(a, (int) (row * d), dst, off, d);
        }

        @Override
        void row(long row, double[] dst, int off) {
            int s = (int) (row * d);
            for (int j = 0; j < d; j++) {
                dst[off + j] = a[s + j];
            }
        }

        @Override
        void rows(long row, int count, float[] dst, int off) {
            System.arraycopy(a, (int) (row * d), dst, off, count * d);
        }
    }

    /** float64 rows on the heap: reference inputs given as exact doubles (kept exact). */
    static final class DoubleArray extends FeatureStore {
        final double[] a;

        DoubleArray(double[] a, int d) {
            super(d, a.length / d, false);
            this.a = a;
        }

        @Override
        double value(long row, int col) {
            return a[(int) (row * d) + col];
        }

        @Override
        void row(long row, float[] dst, int off) {
            int s = (int) (row * d);
            for (int j = 0; j < d; j++) {
                dst[off + j] = (float) a[s + j];
            }
        }

        @Override
        void row(long row, double[] dst, int off) {
            System.arraycopy(a, (int) (row * d), dst, off, d);
        }
    }

    /**
     * float32 rows memory-mapped from a file (read-only), in shards of whole rows of at most 1 GiB each (a mapping
     * holds at most 2 GiB). Pages are read when touched and dropped by the OS under memory pressure: the heap
     * holds none of the values.
     */
    static final class Mapped extends FeatureStore {
        private final FloatBuffer[] shards;
        private final int shardRows;

        Mapped(FloatBuffer[] shards, int shardRows, long rows, int d) {
            super(d, rows, true);
            this.shards = shards;
            this.shardRows = shardRows;
        }

        static Mapped open(Path file, long offset, long rows, int d, ByteOrder order) {
            int shardRows = (int) Math.max(1, (1L << 30) / (4L * d));
            int count = (int) ((rows + shardRows - 1) / shardRows);
            FloatBuffer[] shards = new FloatBuffer[count];
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                for (int s = 0; s < count; s++) {
                    long r0 = (long) s * shardRows;
                    long len = Math.min(shardRows, rows - r0) * 4L * d;
                    shards[s] = ch.map(FileChannel.MapMode.READ_ONLY, offset + r0 * 4L * d, len).order(order)
                            .asFloatBuffer();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Mapped(shards, shardRows, rows, d);
        }

        @Override
        double value(long row, int col) {
            return shards[(int) (row / shardRows)].get((int) (row % shardRows) * d + col);
        }

        @Override
        void row(long row, float[] dst, int off) {
            shards[(int) (row / shardRows)].get((int) (row % shardRows) * d, dst, off, d);
        }

        @Override
        void row(long row, double[] dst, int off) {
            FloatBuffer b = shards[(int) (row / shardRows)];
            int s = (int) (row % shardRows) * d;
            for (int j = 0; j < d; j++) {
                dst[off + j] = b.get(s + j);
            }
        }

        @Override
        void rows(long row, int count, float[] dst, int off) {
            int done = 0;
            while (done < count) {
                long r = row + done;
                int shard = (int) (r / shardRows);
                int within = (int) (r % shardRows);
                int take = Math.min(count - done, shardRows - within);
                shards[shard].get(within * d, dst, off + done * d, take * d);
                done += take;
            }
        }
    }
}
