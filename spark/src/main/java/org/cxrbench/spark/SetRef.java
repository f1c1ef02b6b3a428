package org.cxrbench.spark;

import java.io.Serializable;

/**
 * Where a staged feature matrix lives, as a task sees it: a folder URI (file://, hdfs://, s3a://, read through
 * Hadoop's FileSystem API) holding {@code n} rows of {@code d} values in files of {@code fileRows} rows each
 * ({@code part-00000.f32}, ...: raw little-endian float32, or float64 when a value is not a float). A few hundred
 * bytes whatever the matrix size: the driver ships these, never the rows. {@code id} is the matrix's content hash.
 */
record SetRef(String id, String uri, int n, int d, int fileRows, boolean float32) implements Serializable {
    private static final long serialVersionUID = 1L;

    int bytesPerValue() {
        return float32 ? 4 : 8;
    }

    String file(int part) {
        return uri + "/" + String.format(java.util.Locale.ROOT, "part-%05d.%s", part, float32 ? "f32" : "f64");
    }

    /** Rows [from, to) of this set: one task's block. */
    Block block(int index, int from, int to) {
        return new Block(this, index, from, to);
    }

    /** A task's rows [from, to) of a staged set; {@code index} orders the results on the driver. */
    record Block(SetRef set, int index, int from, int to) implements Serializable {
        private static final long serialVersionUID = 1L;

        int rows() {
            return to - from;
        }
    }
}
