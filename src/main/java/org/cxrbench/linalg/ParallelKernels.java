package org.cxrbench.linalg;

/**
 * The data-parallel kernels an evaluation needs, behind one interface so that they can run on one machine or be
 * spread over a cluster: k-nearest-neighbour search and mergeable statistics. Every implementation must return
 * what {@link #LOCAL} returns (bit for bit for {@link #nearest}; {@link #moments} through the same fixed tree), so
 * the choice of engine never changes a number.
 */
public interface ParallelKernels {
    /** The k nearest reference rows of every query row, as {@link Knn#searchFast}. */
    Knn.Result nearest(Features query, Features ref, int k);

    /** The statistics of all rows, as {@link Moments#of}. */
    Moments moments(Features x);

    /** This machine: {@link Knn#searchFast} and {@link Moments#of}. */
    ParallelKernels LOCAL = new ParallelKernels() {
        @Override
        public Knn.Result nearest(Features query, Features ref, int k) {
            return Knn.searchFast(query, ref, k);
        }

        @Override
        public Moments moments(Features x) {
            return Moments.of(x);
        }
    };
}
