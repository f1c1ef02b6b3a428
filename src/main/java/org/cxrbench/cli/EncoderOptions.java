package org.cxrbench.cli;

import picocli.CommandLine.Option;

/** --encoder and --preset, for the commands that encode images (encode, fidelity, privacy). */
public final class EncoderOptions {
    @Option(names = "--encoder", paramLabel = "E",
            description = "For image inputs: cxr-cnn, radiomics, pixels16/32/64, or a model file (model.onnx, model.pt). "
                    + "Default: the built-in encoder.")
    String encoder;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Preprocessing of a model-file --encoder: inception-v3-fid, xrv-densenet121, raddino, dinov2, clip.")
    String preset;

    /** The encoder spec the pipeline takes ({@code name} or {@code model@preset}). */
    String spec() {
        return org.cxrbench.encode.Encoders.spec(encoder, preset);
    }
}
