package org.cxrbench.filter;

import java.util.Locale;
import org.cxrbench.common.BadInputException;

/**
 * The VLM judge's production settings beside endpoint, model, concurrency, timeout and retries.
 *
 * @param onError          what an image the judge cannot judge becomes (an answer outside the four labels, retries
 *                         exhausted, a per-image HTTP 4xx): {@link OnError#UNJUDGED} (default: recorded as
 *                         {@code unjudged} with the reason, the run finishes) or {@link OnError#FAIL} (exit 2 naming it)
 * @param apiKeyEnv        the environment variable holding the API key sent as {@code Authorization: Bearer ...}, or
 *                         null for none; only the variable's name is ever recorded
 * @param maxRps           requests per second shared by all workers (0: no limit)
 * @param modelFingerprint a user-given identity of the weights behind the model name (a checkpoint hash, a date), part
 *                         of the verdict cache key so a swapped model is asked again; null for none
 */
public record VlmOptions(OnError onError, String apiKeyEnv, double maxRps, String modelFingerprint) {
    /** The on_error policy. */
    public enum OnError {
        FAIL, UNJUDGED;

        public static OnError parse(String s) {
            return switch (s == null ? "unjudged" : s.trim().toLowerCase(Locale.ROOT)) {
                case "fail" -> FAIL;
                case "unjudged" -> UNJUDGED;
                default -> throw new BadInputException("--on-error " + s + ": use fail or unjudged");
            };
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public VlmOptions {
        onError = onError == null ? OnError.UNJUDGED : onError;
        apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv.strip();
        modelFingerprint = modelFingerprint == null || modelFingerprint.isBlank() ? null : modelFingerprint.strip();
        if (!(maxRps >= 0) || Double.isInfinite(maxRps)) {
            throw new BadInputException("--max-rps " + maxRps + ": give requests per second > 0, or 0 for no limit");
        }
        if (apiKeyEnv != null && !apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new BadInputException("--api-key-env " + apiKeyEnv + ": give the NAME of an environment variable "
                    + "(e.g. VLM_API_KEY), never the key itself");
        }
    }

    public static VlmOptions defaults() {
        return new VlmOptions(OnError.UNJUDGED, null, 0, null);
    }
}
