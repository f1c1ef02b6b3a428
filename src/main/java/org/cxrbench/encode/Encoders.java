package org.cxrbench.encode;

import java.util.List;
import java.util.Locale;
import org.cxrbench.common.BadInputException;

/** The validated registry of encoders a user can name with {@code --encoder}. */
public final class Encoders {
    private Encoders() {}

    /** The default when a command encodes images and no --encoder is given. */
    public static final String DEFAULT = "pixels16";

    public static final List<String> BUILT_IN = List.of("pixels16", "pixels32", "pixels64");

    public static Encoder get(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("pixels")) {
            try {
                int size = Integer.parseInt(n.substring(6));
                if (size >= 2 && size <= 256) {
                    return new PixelEncoder(size);
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error
            }
        }
        if (n.endsWith(".onnx") || n.endsWith(".pt")) {
            throw new BadInputException("--encoder " + name + ": ONNX/TorchScript encoders are not available in this "
                    + "version; use a built-in encoder (" + String.join(", ", BUILT_IN) + ") or pass a feature file");
        }
        throw new BadInputException("unknown --encoder '" + name + "'; built-in encoders: " + String.join(", ", BUILT_IN)
                + " (pixelsN for N in 2..256)");
    }
}
