/**
 * Privacy: nearest-neighbour checks of every synthetic image against the real training set (DCR, NNDR, exact and
 * memorised copies with a data-calibrated threshold, Carlini ratio, identifiability, holdout share) and patient
 * re-identification with a calibrated same-patient verifier. Imports {@code linalg}, {@code stats}, {@code common}.
 */
package org.cxrbench.privacy;
