package org.cxrbench.encode;

import ai.djl.ndarray.NDManager;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.GreyImage;

/** {@code cxr-cnn}: the shipped CNN's 256-d penultimate features (see {@link CxrCnn}). */
public final class CxrCnnEncoder implements Encoder, AutoCloseable {
    private final NDManager manager;
    private final CxrCnn.Net net;
    private final String weightsHash;
    private final ComputeDevice device;

    public CxrCnnEncoder() {
        this(ComputeDevice.CPU);
    }

    /** The shipped CNN on {@code device} (a GPU needs a CUDA libtorch). */
    public CxrCnnEncoder(ComputeDevice device) {
        CxrCnn.configureEngine();
        this.device = device;
        String problem = device.torchProblem();
        if (problem != null) {
            throw new org.cxrbench.common.BadInputException("--device " + device + ": cxr-cnn: " + problem
                    + "; use --device cpu");
        }
        this.manager = NDManager.newBaseManager(device.djl());
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
                + TorchNnpack.fingerprintNote() + device.fingerprintNote();
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
    public int batchSize() {
        return device.batchSize();
    }

    /** One forward pass for all the images (on a GPU); the CPU encodes one at a time (see {@link Encoder}). */
    @Override
    public double[][] encodeBatch(java.util.List<GreyImage> images) {
        if (images.size() <= 1 || device.isCpu()) {
            return Encoder.super.encodeBatch(images);
        }
        int n = images.size();
        int per = CxrCnn.INPUT * CxrCnn.INPUT;
        float[] in = new float[n * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(CxrCnn.input(images.get(i)), 0, in, i * per, per);
        }
        try (NDManager m = manager.newSubManager()) {
            float[] f = CxrCnn.forwardTrunk(net, m, in, n).toFloatArray();
            double[][] out = new double[n][CxrCnn.FEATURES];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < CxrCnn.FEATURES; j++) {
                    out[i][j] = f[i * CxrCnn.FEATURES + j];
                }
            }
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
