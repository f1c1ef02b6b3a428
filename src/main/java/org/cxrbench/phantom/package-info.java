/**
 * The embedded phantom world: procedural frontal chest radiographs of seeded patients (own anatomy shared by all
 * their studies), findings with exact labels and masks, report-style prompts, and simulated generators with known
 * flaws ({@link org.cxrbench.phantom.Generators#NAMES}: faithful, memorizer, mode collapse, blurry, noisy, low
 * contrast, label-ignorant, off-topic, mask-conditioned) whose ground truth is recorded; their fresh patients
 * mirror the training cohort (as many studies per patient). Imports {@code common} and {@code data}.
 */
package org.cxrbench.phantom;
