package org.cxrbench.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.cxrbench.common.BadInputException;

/**
 * Which encoder made a feature file (recorded in provenance, compared by {@code reproduce}): its provenance sidecar
 * ({@code FILE.provenance.json}, {@code provenance.settings.encoder}; {@code ./cxrbench encode} writes it, and
 * features made elsewhere can carry a hand-written one) or a declaration with {@code --features-encoder NAME}; both
 * given must agree. {@code --encoder} when every input is a feature file is an error: it would encode nothing.
 */
public final class FeatureEncoders {
    private FeatureEncoders() {}

    /** How an encoder spec carries a declared feature-file encoder: {@code [image encoder];features-encoder=NAME}. */
    public static final String DECLARED = ";features-encoder=";

    /** The encoder spec of {@code --encoder}/{@code --preset} with the {@code --features-encoder} declaration added. */
    public static String withDeclared(String imageEncoderSpec, String featuresEncoder) {
        if (featuresEncoder == null || featuresEncoder.isBlank()) {
            return imageEncoderSpec;
        }
        return (imageEncoderSpec == null ? "" : imageEncoderSpec) + DECLARED + featuresEncoder.strip();
    }

    /** The image encoder of a spec (null when none was named, or "none"). */
    public static String imageEncoder(String spec) {
        if (spec == null) {
            return null;
        }
        int i = spec.indexOf(DECLARED);
        String e = i < 0 ? spec : spec.substring(0, i);
        return e.isBlank() || e.equals("none") ? null : e; // "none": a caller that names no encoder
    }

    /** The declared feature-file encoder of a spec, or null. */
    public static String declaredEncoder(String spec) {
        int i = spec == null ? -1 : spec.indexOf(DECLARED);
        return i < 0 ? null : spec.substring(i + DECLARED.length());
    }

    /** The encoder a feature file's provenance sidecar records, or "none". */
    public static String recordedEncoder(Path featureFile) {
        Path side = featureFile.resolveSibling(featureFile.getFileName() + ".provenance.json");
        if (!Files.isRegularFile(side)) {
            return "none";
        }
        try {
            String e = org.cxrbench.common.Json.MAPPER.readTree(side.toFile()).path("provenance").path("settings")
                    .path("encoder").asText("");
            return e.isEmpty() ? "none" : e;
        } catch (IOException e) {
            throw BadInputException.of(side, "is not a provenance sidecar (" + e.getMessage() + ")",
                    "fix it ({\"provenance\": {\"settings\": {\"encoder\": \"NAME\"}}}) or remove it");
        }
    }

    /**
     * The encoder of a feature-file input under an encoder spec: the declared one, else the sidecar's, else "none".
     * A declaration that contradicts the sidecar is bad input; an image encoder in the spec does not apply (the
     * command line refuses a user's --encoder with feature files, see {@link #refuseImageEncoder}).
     */
    public static String encoderOf(Path featureFile, String spec, String role) {
        String recorded = recordedEncoder(featureFile);
        String declared = declaredEncoder(spec);
        if (declared == null) {
            return recorded;
        }
        if (!recorded.equals("none") && !norm(recorded).contains(norm(declared))) {
            throw BadInputException.of(featureFile, "its provenance sidecar records encoder '" + recorded
                    + "' but --features-encoder says '" + declared + "'", "declare the encoder that made these features");
        }
        return recorded.equals("none") ? declared : recorded;
    }

    /**
     * {@code --encoder}/{@code --preset} given when every data input is a feature file (it would encode nothing):
     * bad input naming the first file and the fix. With image inputs beside feature files the encoder applies to
     * the images, and the feature files' encoder is checked against it.
     */
    public static void refuseImageEncoder(String encoderOption, Path... inputs) {
        if (encoderOption == null) {
            return;
        }
        Path first = null;
        for (Path p : inputs) {
            if (p == null) {
                continue;
            }
            if (!(Files.isRegularFile(p) && FeatureFiles.isFeatureFile(p))) {
                return;
            }
            first = first == null ? p : first;
        }
        if (first != null) {
            throw BadInputException.of(first, "is a feature file, used as it is: --encoder " + encoderOption + " does not apply",
                    "drop --encoder (and --preset); declare the encoder that made the features with --features-encoder NAME");
        }
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
