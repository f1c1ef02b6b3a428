package org.cxrbench.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.GreyImage;

/**
 * The shipped {@code cxr-cnn} with its label head: one forward pass gives the 256-d feature (the same values as
 * {@link CxrCnnEncoder}) and the 14 CheXpert label probabilities (sigmoid of the head's logits, in
 * {@link ChexpertLabel} order). Thread-safe like the encoder: each call runs in its own sub-manager.
 */
public final class CxrCnnClassifier implements AutoCloseable {
    private final NDManager manager;
    private final CxrCnn.Net net;
    private final String weightsHash;

    /** Feature and probabilities of one image. */
    public record Output(float[] feature, float[] probabilities) {}

    public CxrCnnClassifier() {
        CxrCnn.configureEngine();
        ComputeDevice device = Encoders.device(); // the run's --device
        String problem = device.torchProblem();
        if (problem != null) {
            throw new org.cxrbench.common.BadInputException("--device " + device + ": cxr-cnn classifier: " + problem
                    + "; use --device cpu");
        }
        this.manager = NDManager.newBaseManager(device.djl());
        this.net = CxrCnn.load(manager);
        try (var in = CxrCnn.class.getResourceAsStream(CxrCnn.RESOURCE)) {
            this.weightsHash = org.cxrbench.common.Hashing.ofBytes(in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The encoder's fingerprint plus the head: changes when the weights change. */
    public String fingerprint() {
        return "cxr-cnn;weights=" + weightsHash + ";input=64;square=crop;resize=area;norm=(x-0.5)/0.25;feature=penultimate-relu;head=sigmoid(14)";
    }

    public Output run(GreyImage image) {
        float[] in = CxrCnn.input(image);
        try (NDManager m = manager.newSubManager()) {
            NDArray feat = CxrCnn.forwardTrunk(net, m, in);
            NDArray logits = net.head().forward(new ParameterStore(m, false), new NDList(feat), false).singletonOrThrow();
            float[] f = feat.toFloatArray();
            float[] z = logits.toFloatArray();
            float[] p = new float[z.length];
            for (int i = 0; i < z.length; i++) {
                p[i] = (float) (1 / (1 + Math.exp(-z[i])));
            }
            return new Output(f, p);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
