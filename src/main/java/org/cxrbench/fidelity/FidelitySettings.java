package org.cxrbench.fidelity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.cxrbench.common.MetricParams;

/**
 * The settings of a fidelity stage (part of its key, and of the noise floor's): the metric parameters (written at the
 * top level, by their JSON names), the metrics asked for (comma list; {@code default} for a command given none) and
 * the seed; for {@code ./cxrbench fidelity} also the encoder as given and the permutation count.
 *
 * @param params       the metric parameters ({@link FidelityMetrics.Options#params()})
 * @param metrics      the metrics asked for
 * @param seed         the seed
 * @param encoder      the command's {@code --encoder} as given ({@code "null"} when none); null (left out) in a
 *                     config run
 * @param permutations the command's {@code --permutations}; null (left out) in a config run
 */
public record FidelitySettings(@JsonUnwrapped MetricParams params, String metrics, long seed,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String encoder,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Integer permutations) {
    /** A config run's fidelity settings. */
    public static FidelitySettings config(MetricParams params, String metrics, long seed) {
        return new FidelitySettings(params, metrics, seed, null, null);
    }
}
