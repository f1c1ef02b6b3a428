package org.cxrbench.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.Resize;

/**
 * The built-in CNN encoder ({@code cxr-cnn}): four conv blocks (3x3 conv, batch norm, ReLU, 2x2 max pool; 16, 32,
 * 64, 128 channels) on a 64 x 64 grey input, global average pooling, a 256-unit layer whose ReLU output is the
 * feature, and a 14-unit multi-label head (the CheXpert labels) used only in training. Weights are shipped in the
 * jar ({@code cxr-cnn.params}, made by {@code ./cxrbench encoder train}; see {@code cxr-cnn.card.json}).
 * PyTorch runs through DJL offline with one intra-op thread, and each image is its own forward pass, so features
 * do not depend on thread count or batch size.
 */
public final class CxrCnn {
    private CxrCnn() {}

    public static final int INPUT = 64;
    public static final int FEATURES = 256;
    public static final int LABELS = 14;
    public static final String RESOURCE = "/org/cxrbench/encode/cxr-cnn.params";
    public static final String CARD = "/org/cxrbench/encode/cxr-cnn.card.json";

    private static boolean configured;

    /**
     * Configures DJL before the engine starts (offline, one PyTorch thread: deterministic results), then starts it
     * with NNPACK off; once per process. What must stay process-wide, and why: DJL reads these system properties
     * only when the PyTorch engine starts (once per process; {@code ai.djl.offline}: no download at run time,
     * {@code ai.djl.pytorch.num_threads} / {@code num_interop_threads}: libtorch's own thread pools, which are
     * process-wide in libtorch, so one intra-op thread is what makes a convolution's sums the same bits on every
     * run; cxrbench parallelises over images instead), and libtorch's NNPACK switch and random generator are
     * process-wide too. The random seed is confined to the initialisation of one network at a time (see
     * {@link NetTrainer}).
     */
    public static synchronized void configureEngine() {
        if (!configured) {
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            System.setProperty("ai.djl.default_engine", "PyTorch");
            configured = true;
        }
        TorchNnpack.disable();
    }

    /** trunk: image -> 256-d feature; head: feature -> 14 logits. */
    public record Net(SequentialBlock trunk, SequentialBlock head, SequentialBlock full) {}

    public static Net build() {
        SequentialBlock trunk = new SequentialBlock();
        for (int c : new int[] {16, 32, 64, 128}) {
            trunk.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(c).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        trunk.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(FEATURES).build())
                .add(Activation.reluBlock());
        SequentialBlock head = new SequentialBlock().add(Linear.builder().setUnits(LABELS).build());
        SequentialBlock full = new SequentialBlock().add(trunk).add(head);
        return new Net(trunk, head, full);
    }

    /** The network input: centre crop to square, area resize to 64, (x - 0.5) / 0.25. */
    public static float[] input(GreyImage img) {
        GreyImage g = Resize.toSquare(img, INPUT, Resize.Square.CROP, Resize.Filter.AREA);
        float[] t = new float[INPUT * INPUT];
        for (int i = 0; i < t.length; i++) {
            t[i] = (g.pixels()[i] - 0.5f) / 0.25f;
        }
        return t;
    }

    /** Loads the shipped weights into a new network. */
    public static Net load(NDManager manager) {
        Net net = build();
        net.full().initialize(manager, DataType.FLOAT32, new Shape(1, 1, INPUT, INPUT));
        try (InputStream in = CxrCnn.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the cxr-cnn weights are missing from the jar (" + RESOURCE
                        + "); rebuild, or train them with './cxrbench encoder train'");
            }
            net.full().loadParameters(manager, new DataInputStream(in));
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("cannot load the cxr-cnn weights: " + e.getMessage(), e);
        }
        return net;
    }

    static NDArray forwardTrunk(Net net, NDManager m, float[] input) {
        return forwardTrunk(net, m, input, 1);
    }

    /** The trunk's features of {@code count} inputs in one pass (count x 256). */
    static NDArray forwardTrunk(Net net, NDManager m, float[] inputs, int count) {
        NDArray x = m.create(inputs, new Shape(count, 1, INPUT, INPUT));
        return net.trunk().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }
}
