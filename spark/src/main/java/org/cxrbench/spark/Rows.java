package org.cxrbench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.cxrbench.linalg.Features;

/** Global rows [offset, offset + n) of a feature matrix, serialisable for Spark tasks and broadcasts. */
record Rows(int index, int offset, int n, int d, double[] data) implements Serializable {
    Features features() {
        return new Features(n, d, data);
    }

    static Rows of(Features x) {
        return new Rows(0, 0, x.n(), x.d(), x.data());
    }

    /** x cut into consecutive blocks of {@code rowsPerBlock} rows (the last may be shorter), in order. */
    static List<Rows> split(Features x, int rowsPerBlock) {
        List<Rows> out = new ArrayList<>();
        int i = 0;
        for (int r0 = 0; r0 < x.n(); r0 += rowsPerBlock) {
            int r1 = Math.min(x.n(), r0 + rowsPerBlock);
            out.add(new Rows(i++, r0, r1 - r0, x.d(), x.rows(r0, r1).data()));
        }
        return out;
    }
}
