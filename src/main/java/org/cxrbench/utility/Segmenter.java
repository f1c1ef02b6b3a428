package org.cxrbench.utility;

import ai.djl.ndarray.types.Shape;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cxrbench.encode.NetTrainer;
import org.cxrbench.stats.SegmentationScores;

/**
 * Trains the {@link UNetSmall} segmenter with the shared DJL loop ({@link NetTrainer}: per-pixel BCE with logits,
 * every pixel known, Adam) on images with one 0/1 mask per structure, and scores predictions (logit > 0, i.e.
 * probability > 0.5) with Dice and IoU per structure ({@link SegmentationScores}, MONAI's empty-mask conventions).
 * Seed s fixes the shuffles and the initialisation. Images are (x - 0.5) / 0.25 normalised grey values in [0, 1].
 */
public final class Segmenter {
    private Segmenter() {}

    /** @param images row-major size x size grey values in [0, 1]; masks[i][s] the 0/1 mask of structure s */
    public record Data(List<float[]> images, List<byte[][]> masks, int size) {}

    public record Options(int epochs, int batch, double learningRate) {}

    public static NetTrainer fit(Data d, int structures, Options o, long seed, PrintStream log) {
        return fit(d, structures, o, seed, null, log);
    }

    /**
     * As {@link #fit(Data, int, Options, long, PrintStream)}, writing an epoch checkpoint after every epoch (the
     * trainer's whole state and the epoch, atomically; {@link EpochCheckpoint}) and, when {@code checkpoint} holds one
     * for the same key, restoring it and going on from the next epoch: the shuffles of the epochs already done are
     * replayed, so the resumed training is bit-identical to an uninterrupted one.
     *
     * @param checkpoint epoch checkpoint (null: none)
     */
    public static NetTrainer fit(Data d, int structures, Options o, long seed, EpochCheckpoint checkpoint, PrintStream log) {
        int size = d.size();
        int px = size * size;
        NetTrainer net = new NetTrainer("utility-unet", UNetSmall.build(structures), new Shape(1, size, size),
                new Shape(structures, size, size), o.learningRate(), seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = d.images().size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        NetTrainer.BatchSource source = (rows, x, y, m) -> {
            java.util.Arrays.fill(m, 1f);
            for (int k = 0; k < rows.length; k++) {
                float[] img = d.images().get(rows[k]);
                for (int j = 0; j < px; j++) {
                    x[k * px + j] = (img[j] - 0.5f) / 0.25f;
                }
                byte[][] mk = d.masks().get(rows[k]);
                for (int s = 0; s < structures; s++) {
                    for (int j = 0; j < px; j++) {
                        y[(k * structures + s) * px + j] = mk[s][j];
                    }
                }
            }
        };
        long t0 = System.nanoTime();
        int batch = Math.min(o.batch(), n);
        int first = 1;
        EpochCheckpoint.Saved saved = checkpoint == null ? null : checkpoint.read();
        if (saved != null && saved.epoch() <= o.epochs()) {
            net.restore(saved.state());
            for (int e = 1; e <= saved.epoch(); e++) {
                org.cxrbench.stats.Sampling.shuffle(rnd, order);
            }
            first = saved.epoch() + 1;
            log.printf(Locale.ROOT, "unet: resumed after epoch %d/%d from %s%n", saved.epoch(), o.epochs(), checkpoint.file());
        }
        for (int epoch = first; epoch <= o.epochs(); epoch++) {
            org.cxrbench.stats.Sampling.shuffle(rnd, order);
            double loss = net.epoch(order, batch, source);
            if (checkpoint != null) {
                checkpoint.write(epoch, net.state());
            }
            double per = (System.nanoTime() - t0) / 1e9 / (epoch - first + 1);
            log.printf(Locale.ROOT, "unet: epoch %d/%d, loss %.4f, %.1f s/epoch, ETA %.0f s%n", epoch, o.epochs(), loss, per,
                    per * (o.epochs() - epoch));
        }
        return net;
    }

    /**
     * Training images/s of the U-Net through the shared loop ({@link NetTrainer}, one PyTorch thread) on fixed random
     * inputs: {@code structures} output maps of size x size, batches of {@code batch}, one warm-up step then
     * {@code steps} timed steps. The twin of src/test/resources/utility/resnet_small_torch.py's {@code unet}.
     */
    public static double trainingRate(int size, int structures, int batch, int steps) {
        SplittableRandom r = new SplittableRandom(0);
        float[] x = new float[batch * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int no = structures * size * size * batch;
        float[] y = new float[no];
        float[] m = new float[no];
        for (int i = 0; i < no; i++) {
            y[i] = r.nextDouble() < 0.3 ? 1 : 0;
            m[i] = r.nextDouble() < 0.8 ? 1 : 0;
        }
        try (NetTrainer t = new NetTrainer("bench-unet", UNetSmall.build(structures), new Shape(1, size, size),
                new Shape(structures, size, size), 0.002, 0)) {
            t.step(x, y, m, batch); // warm-up
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                t.step(x, y, m, batch);
            }
            return steps * batch / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Dice and IoU per structure of the trained net's masks (logit > 0) on a test set. */
    public static SegmentationScores.Result score(NetTrainer net, Data test, String[] structures,
                                                  SegmentationScores.EmptyPolicy policy) {
        int size = test.size();
        int px = size * size;
        SegmentationScores.Accumulator acc = new SegmentationScores.Accumulator(structures, policy);
        int chunk = 16;
        for (int i0 = 0; i0 < test.images().size(); i0 += chunk) {
            int c = Math.min(chunk, test.images().size() - i0);
            float[] x = new float[c * px];
            for (int k = 0; k < c; k++) {
                float[] img = test.images().get(i0 + k);
                for (int j = 0; j < px; j++) {
                    x[k * px + j] = (img[j] - 0.5f) / 0.25f;
                }
            }
            float[] z = net.predict(x, c);
            for (int k = 0; k < c; k++) {
                boolean[][] pred = new boolean[structures.length][px];
                boolean[][] gt = new boolean[structures.length][px];
                for (int s = 0; s < structures.length; s++) {
                    byte[] g = test.masks().get(i0 + k)[s];
                    for (int j = 0; j < px; j++) {
                        pred[s][j] = z[(k * structures.length + s) * px + j] > 0;
                        gt[s][j] = g[j] != 0;
                    }
                }
                acc.add(pred, gt);
            }
        }
        return acc.result();
    }
}
