/**
 * Feature matrices and dense kernels over OpenBLAS/LAPACK. {@link org.cxrbench.linalg.Features} holds float32 rows
 * once ({@link org.cxrbench.linalg.FeatureStore}: a heap {@code float[]}, or shards memory-mapped from a float32
 * .npy; exact doubles only for reference inputs given as doubles), with row views instead of copies; kernels read
 * rows a block at a time and accumulate in double where exactness needs it. Kernels: blocked nearest-neighbour
 * search on float32 sgemm tiles with exact refinement ({@link org.cxrbench.linalg.Knn},
 * {@link org.cxrbench.linalg.KnnBlocks}; the tiles' schedule in {@code KnnTiles}, the exact distances four at a time
 * in {@link org.cxrbench.linalg.ExactDistances}, what the exact stage can skip in {@code KnnRefine}, native buffers
 * kept by the run for its next search, or lent to a Spark task by the JVM's shared pools, in
 * {@link org.cxrbench.linalg.NativeBuffers}), streaming scatter/covariance on tiled dsyrk
 * ({@link org.cxrbench.linalg.Scatter}, {@link org.cxrbench.linalg.Covariance}), symmetric eigen-decomposition and
 * PSD square roots (dsyevd), pivoted Cholesky (dpstrf), the product of two pivoted Cholesky factors and its Gram
 * eigenvalues in native memory ({@link org.cxrbench.linalg.CholeskyProduct}: dtrmm blocks, FID's trace term),
 * singular values (dgesdd), general eigenvalues (dgeev); their
 * partitioned forms (mergeable {@link org.cxrbench.linalg.Moments}, partial top-k in
 * {@link org.cxrbench.linalg.KnnParts}) behind {@link org.cxrbench.linalg.ParallelKernels}.
 * Their parallel work runs on the calling run's {@link org.cxrbench.linalg.Workers} ({@code --threads}), cut into
 * fixed tasks so that the bits never depend on the thread count. Knows nothing of images or metrics.
 */
package org.cxrbench.linalg;
