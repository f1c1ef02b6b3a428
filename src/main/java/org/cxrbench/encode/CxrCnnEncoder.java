package org.cxrbench.encode;

import ai.djl.ndarray.NDManager;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.GreyImage;

/** {@code cxr-cnn}: the shipped CNN's 256-d penultimate features (see {@link CxrCnn}). */
public final class CxrCnnEncoder implements Encoder, AutoCloseable {
    private final NDManager manager;
    private final CxrCnn.Net net;
    private final String weightsHash;

    public CxrCnnEncoder() {
        CxrCnn.configureEngine();
        this.manager = NDManager.newBaseManager();
        this.net = CxrCnn.load(manager);
        try (var in = CxrCnn.class.getResourceAsStream(CxrCnn.RESOURCE)) {
            this.weightsHash = Hashing.ofBytes(in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "cxr-cnn";
    }

    @Override
    public int dimension() {
        return CxrCnn.FEATURES;
    }

    @Override
    public String fingerprint() {
        return "cxr-cnn;weights=" + weightsHash + ";input=64;square=crop;resize=area;norm=(x-0.5)/0.25;layer=penultimate-relu"
                + TorchNnpack.fingerprintNote();
    }

    @Override
    public double[] encode(GreyImage image) {
        float[] in = CxrCnn.input(image);
        try (NDManager m = manager.newSubManager()) {
            float[] f = CxrCnn.forwardTrunk(net, m, in).toFloatArray();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
