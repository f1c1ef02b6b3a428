package org.cxrbench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.cxrbench.linalg.Knn;
import org.cxrbench.linalg.NativeBuffers;

/** A {@link Knn.Result} as a task result (the core's record is not serialisable). */
record Neighbours(int k, int[] indices, double[] distances) implements Serializable {
    static Neighbours of(Knn.Result r) {
        return new Neighbours(r.k(), r.indices(), r.distances());
    }

    /**
     * A task's search, its native buffers borrowed from this executor JVM's shared pools
     * ({@link NativeBuffers#lendShared}) so that the tasks after it reuse them instead of faulting in fresh pages.
     */
    static Neighbours search(Supplier<Knn.Result> search) {
        return of(NativeBuffers.lendShared(search));
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
