/**
 * Dense kernels over OpenBLAS/LAPACK: streaming covariance (dsyrk), symmetric eigen-decomposition and PSD square
 * roots (dsyevd), singular values (dgesdd), general eigenvalues (dgeev) and blocked nearest-neighbour search through matrix products;
 * their partitioned forms (mergeable {@link org.cxrbench.linalg.Moments}, partial top-k in
 * {@link org.cxrbench.linalg.KnnParts}) behind {@link org.cxrbench.linalg.ParallelKernels}.
 * Their parallel work runs on the calling run's {@link org.cxrbench.linalg.Workers} ({@code --threads}), cut into
 * fixed tasks so that the bits never depend on the thread count. Knows nothing of images or metrics.
 */
package org.cxrbench.linalg;
