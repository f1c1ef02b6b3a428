package org.cxrbench.cli;

import picocli.CommandLine.Option;

/** --encoder and --preset for image inputs, --features-encoder for feature files (encode, fidelity, privacy). */
public final class EncoderOptions {
    @Option(names = "--encoder", paramLabel = "E",
            description = "For image inputs: cxr-cnn, radiomics, pixels16/32/64, or a model file (model.onnx, model.pt). "
                    + "Default: the built-in encoder.")
    String encoder;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Preprocessing of a model-file --encoder: inception-v3-fid, xrv-densenet121, raddino, dinov2, clip.")
    String preset;

    @Option(names = "--features-encoder", paramLabel = "NAME",
            description = "For feature-file inputs (.npy/.csv made elsewhere): the encoder that made them (e.g. raddino, "
                    + "inception-v3-fid), recorded in provenance so reproduce can compare feature-space values. A "
                    + "FILE.provenance.json sidecar may say it instead; --encoder with feature files is an error.")
    String featuresEncoder;

    /** A user's --encoder/--preset with a feature-file input is an error (features are used as they are). */
    void refuseWithFeatureFiles(java.nio.file.Path... inputs) {
        org.cxrbench.encode.FeatureEncoders.refuseImageEncoder(encoder != null ? encoder : preset != null ? "(--preset " + preset + ")"
                : null, inputs);
    }

    /** The encoder spec the pipeline takes ({@code name} or {@code model@preset}, plus any declared feature encoder). */
    String spec() {
        return org.cxrbench.encode.FeatureEncoders.withDeclared(org.cxrbench.encode.Encoders.spec(encoder, preset), featuresEncoder);
    }
}
