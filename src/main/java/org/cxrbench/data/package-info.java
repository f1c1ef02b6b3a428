/**
 * Data layer: the unified {@link org.cxrbench.data.Manifest} (one {@link org.cxrbench.data.ManifestRecord} per image,
 * 14 CheXpert labels, patient, study, split, prompt, masks), readers for NIH ChestX-ray14, CheXpert,
 * MIMIC-CXR-JPG, SynthCheX-75K and plain folders, image decoding and anti-aliased resizing, patient-level splits,
 * images' content hashes (in parallel, remembered by path, size and modification time: {@link org.cxrbench.data.ImageHashes});
 * the {@code manifest} and {@code split} commands' jobs ({@link org.cxrbench.data.ManifestJob},
 * {@link org.cxrbench.data.SplitJob}).
 * Imports only {@code org.cxrbench.common}.
 */
package org.cxrbench.data;
