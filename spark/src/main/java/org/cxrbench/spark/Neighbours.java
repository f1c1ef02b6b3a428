package org.cxrbench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.cxrbench.linalg.Knn;

/** A {@link Knn.Result} as a task result (the core's record is not serialisable). */
record Neighbours(int k, int[] indices, double[] distances) implements Serializable {
    static Neighbours of(Knn.Result r) {
        return new Neighbours(r.k(), r.indices(), r.distances());
    }

    int rows() {
        return k == 0 ? 0 : indices.length / k;
    }

    Knn.Result result() {
        return new Knn.Result(k, indices, distances);
    }

    static List<Knn.Result> results(List<Neighbours> ns) {
        List<Knn.Result> out = new ArrayList<>(ns.size());
        for (Neighbours n : ns) {
            out.add(n.result());
        }
        return out;
    }
}
