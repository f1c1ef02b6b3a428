/**
 * The top of the layers below {@code cli}: the declared config-run graph ({@link org.cxrbench.run.ConfigRun}: data
 * -> filter -> encode -> {fidelity, privacy, noise floor} -> utility -> report, each stage cached by its content key
 * through {@code pipeline}'s executor) and the commands that span families: the demo, {@code compare},
 * {@code regress}, {@code reproduce}, {@code bench}, the phantom gallery, and the renderings of the privacy command.
 * The only package besides {@code cli} that sees every family and {@code report}; families never use it.
 */
package org.cxrbench.run;
