/**
 * Dense kernels over OpenBLAS/LAPACK: streaming covariance (dsyrk), symmetric eigen-decomposition and PSD square
 * roots (dsyevd), general eigenvalues (dgeev) and blocked nearest-neighbour search through matrix products.
 * Knows nothing of images or metrics.
 */
package org.cxrbench.linalg;
