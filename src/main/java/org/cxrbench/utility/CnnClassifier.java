package org.cxrbench.utility;

import org.cxrbench.common.TrainingRun;

import ai.djl.ndarray.types.Shape;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.cxrbench.encode.MaskedBceLoss;
import org.cxrbench.encode.NetTrainer;
import org.cxrbench.linalg.Features;
import org.cxrbench.stats.Sampling;

/**
 * Trains the utility CNN ({@link ResNetSmall}) on pixel rows (a {@code pixelsN} encoding: N x N grey values in [0, 1],
 * normalised to (x - 0.5) / 0.25) with the shared DJL loop ({@link NetTrainer}: 14-label masked BCE, Adam), random
 * flips and small rotations ({@link Augment}), and early stopping on a validation split drawn from the training
 * patients (whole patients go to validation; rows without a patient are their own group). The best validation epoch's
 * weights are kept. Seed s fixes the validation split, the shuffles, the augmentation draws and the initialisation.
 */
public final class CnnClassifier {
    private CnnClassifier() {}

    /**
     * @param maxEpochs  epochs at most
     * @param patience   stop after this many epochs without a lower validation loss
     * @param valShare   share of training patients held out for early stopping
     * @param maxDegrees rotation range of the augmentation
     */
    public record Options(int maxEpochs, int batch, double learningRate, int patience, double valShare, double maxDegrees) {
        public static Options defaults() {
            return new Options(30, 32, 0.002, 4, 0.15, 10);
        }
    }

    /**
     * A trained model and how its training went.
     *
     * @param validationProb   probabilities of the kept model on the validation rows (empty without a split)
     * @param validationLabels their label vectors (values of {@link org.cxrbench.data.Labels})
     */
    public record Fitted(NetTrainer net, int size, TrainingRun.CnnTraining description, double[][] validationProb,
                         byte[][] validationLabels) implements AutoCloseable {
        /** Probabilities (sigmoid of the logits), one row per input row, in fixed chunks of 32 images. */
        public double[][] predict(Features x) {
            return probabilities(net, x, size);
        }

        @Override
        public void close() {
            net.close();
        }
    }

    static final int EVAL_CHUNK = 32;

    /** Side of the square images that the pixel rows hold. */
    public static int side(int d) {
        int s = (int) Math.round(Math.sqrt(d));
        if (s * s != d || s % 4 != 0) {
            throw new IllegalArgumentException(d + " values per row are not a square image with a side divisible by 4");
        }
        return s;
    }

    /**
     * @param groups the patient (or other grouping key) of each training row, in design order
     */
    public static Fitted fit(TrainingRows rows, String[] groups, int labels, Options o, long seed, PrintStream log) {
        return fit(rows, groups, labels, o, seed, null, log);
    }

    /**
     * As {@link #fit(TrainingRows, String[], int, Options, long, PrintStream)}, with an epoch checkpoint written after
     * every epoch (trainer state, best weights and epoch, the loss histories) and, when one with the same key exists,
     * resumed from it: the shuffles and augmentation draws of the epochs done are replayed, so the result is
     * bit-identical to an uninterrupted training.
     *
     * @param checkpoint epoch checkpoint (null: none)
     */
    public static Fitted fit(TrainingRows rows, String[] groups, int labels, Options o, long seed, EpochCheckpoint checkpoint,
                             PrintStream log) {
        int n = rows.n();
        int size = side(rows.d());
        int px = size * size;
        float[] x = new float[n * px];
        byte[][] y = new byte[n][];
        inputs(rows, px, x, y);
        SplittableRandom base = new SplittableRandom(seed);
        SplittableRandom splitRnd = base.split();
        SplittableRandom shuffleRnd = base.split();
        SplittableRandom augRnd = base.split();
        int[][] split = validationSplit(groups, o.valShare(), splitRnd);
        int[] train = split[0];
        int[] val = split[1];
        int batch = Math.min(o.batch(), train.length);
        NetTrainer net = new NetTrainer("utility-cnn", ResNetSmall.build(labels), new Shape(1, size, size),
                new Shape(labels), o.learningRate(), seed);
        float[] xv = gather(x, val, px);
        NetTrainer.BatchSource source = (idx, xb, yb, mb) -> {
            for (int k = 0; k < idx.length; k++) {
                Augment.apply(x, idx[k] * px, size, xb, k * px, o.maxDegrees(), augRnd);
                MaskedBceLoss.targets(y[idx[k]], yb, mb, k * labels);
            }
        };
        int[] order = train.clone();
        EarlyStopping st = new EarlyStopping();
        long t0 = System.nanoTime();
        EpochCheckpoint.Saved saved = checkpoint == null ? null : checkpoint.read();
        int first = saved == null ? 1 : resume(saved, st, net, order, batch, source, shuffleRnd);
        if (saved != null) {
            log.printf(Locale.ROOT, "cnn: resumed after epoch %d from %s%n", saved.epoch(), checkpoint.file());
        }
        boolean stopped = saved != null && val.length > 0 && saved.epoch() - st.bestEpoch >= o.patience();
        for (int epoch = first; epoch <= o.maxEpochs() && !stopped; epoch++) {
            Sampling.shuffle(shuffleRnd, order);
            double loss = net.epoch(order, batch, source);
            st.trainLoss.add(loss);
            double v = val.length == 0 ? Double.NaN : validationLoss(net, xv, val, y, size, labels);
            st.valLoss.add(v);
            if (val.length == 0 || v < st.best) {
                st.best = val.length == 0 ? st.best : v;
                st.bestParams = net.parameters();
                st.bestEpoch = epoch;
            }
            if (checkpoint != null) {
                checkpoint.write(epoch, st.state(net));
            }
            double per = (System.nanoTime() - t0) / 1e9 / (epoch - first + 1);
            log.printf(Locale.ROOT, "cnn: epoch %d/%d, loss %.4f, validation loss %.4f (best epoch %d), %.1f s/epoch, "
                    + "ETA at most %.0f s%n", epoch, o.maxEpochs(), loss, v, st.bestEpoch, per, per * (o.maxEpochs() - epoch));
            if (val.length > 0 && epoch - st.bestEpoch >= o.patience()) {
                break;
            }
        }
        net.load(st.bestParams);
        TrainingRun.CnnTraining d = new TrainingRun.CnnTraining(train.length, val.length, st.trainLoss.size(), st.bestEpoch,
                st.trainLoss, st.valLoss, val.length == 0 ? "none (fewer than 2 training patients): all epochs, last weights"
                : "validation masked BCE, patience " + o.patience(), null, null);
        return validated(net, size, d, xv, val, y, labels);
    }

    /**
     * Restores the saved epoch's weights, optimiser and early-stopping state, and replays the saved epochs' shuffles
     * and augmentation draws so the random streams stand where an uninterrupted run would; returns the next epoch.
     */
    private static int resume(EpochCheckpoint.Saved saved, EarlyStopping st, NetTrainer net, int[] order, int batch,
            NetTrainer.BatchSource source, SplittableRandom shuffleRnd) {
        st.restore(saved, net);
        for (int e = 1; e <= saved.epoch(); e++) {
            Sampling.shuffle(shuffleRnd, order);
            net.replayEpoch(order, batch, source);
        }
        return saved.epoch() + 1;
    }

    /** The network inputs, (pixel - 0.5) / 0.25 as float32, and the labels of every training row in design order. */
    private static void inputs(TrainingRows rows, int px, float[] x, byte[][] y) {
        int r = 0;
        for (TrainingRows.Block b : rows.blocks()) {
            double[] row = new double[px];
            for (int i : b.rows()) {
                b.features().row(i, row, 0);
                for (int j = 0; j < px; j++) {
                    x[r * px + j] = (float) ((row[j] - 0.5) / 0.25);
                }
                y[r] = b.labels()[i];
                r++;
            }
        }
    }

    /** The fitted network with its validation rows' probabilities and labels (for tuned thresholds). */
    private static Fitted validated(NetTrainer net, int size, TrainingRun.CnnTraining d, float[] xv, int[] val, byte[][] y,
                                    int labels) {
        double[][] vp = new double[val.length][];
        byte[][] vy = new byte[val.length][];
        if (val.length > 0) {
            float[] z = logits(net, xv, val.length, size);
            for (int k = 0; k < val.length; k++) {
                vp[k] = new double[labels];
                for (int l = 0; l < labels; l++) {
                    vp[k][l] = 1 / (1 + Math.exp(-z[k * labels + l]));
                }
                vy[k] = y[val[k]];
            }
        }
        return new Fitted(net, size, d, vp, vy);
    }

    /** Early stopping's state, written to and read from the epoch checkpoint. */
    private static final class EarlyStopping {
        double best = Double.POSITIVE_INFINITY;
        byte[] bestParams;
        int bestEpoch;
        final List<Double> trainLoss = new ArrayList<>();
        final List<Double> valLoss = new ArrayList<>();

        /** Trainer state, best validation loss, epoch and weights, then each epoch's two losses. */
        byte[] state(NetTrainer net) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
                byte[] st = net.state();
                out.writeInt(st.length);
                out.write(st);
                out.writeDouble(best);
                out.writeInt(bestEpoch);
                out.writeInt(bestParams.length);
                out.write(bestParams);
                for (int e = 0; e < trainLoss.size(); e++) {
                    out.writeDouble(trainLoss.get(e));
                    out.writeDouble(valLoss.get(e));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        /** Reads what {@link #state} wrote and restores the trainer. */
        void restore(EpochCheckpoint.Saved saved, NetTrainer net) {
            try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(saved.state()))) {
                byte[] st = new byte[in.readInt()];
                in.readFully(st);
                net.restore(st);
                best = in.readDouble();
                bestEpoch = in.readInt();
                bestParams = new byte[in.readInt()];
                in.readFully(bestParams);
                for (int e = 0; e < saved.epoch(); e++) {
                    trainLoss.add(in.readDouble());
                    valLoss.add(in.readDouble());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Rows of the training set split into (train, validation) by whole groups; validation gets round(share x groups). */
    static int[][] validationSplit(String[] groups, double share, SplittableRandom rnd) {
        TreeMap<String, List<Integer>> byGroup = new TreeMap<>();
        for (int i = 0; i < groups.length; i++) {
            byGroup.computeIfAbsent(groups[i], k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> g = new ArrayList<>(byGroup.values());
        int k = (int) Math.round(share * g.size());
        if (g.size() < 2 || k < 1) {
            return new int[][] {range(groups.length), new int[0]};
        }
        k = Math.min(k, g.size() - 1);
        boolean[] isVal = new boolean[groups.length];
        for (int gi : Sampling.withoutReplacement(rnd, g.size(), k)) {
            for (int i : g.get(gi)) {
                isVal[i] = true;
            }
        }
        List<Integer> tr = new ArrayList<>();
        List<Integer> va = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            (isVal[i] ? va : tr).add(i);
        }
        return new int[][] {tr.stream().mapToInt(Integer::intValue).toArray(), va.stream().mapToInt(Integer::intValue).toArray()};
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static float[] gather(float[] x, int[] rows, int px) {
        float[] out = new float[rows.length * px];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(x, rows[k] * px, out, k * px, px);
        }
        return out;
    }

    private static double validationLoss(NetTrainer net, float[] xv, int[] val, byte[][] y, int size, int labels) {
        float[] z = logits(net, xv, val.length, size);
        double sum = 0;
        long known = 0;
        float[] t = new float[labels];
        float[] m = new float[labels];
        for (int k = 0; k < val.length; k++) {
            MaskedBceLoss.targets(y[val[k]], t, m, 0);
            for (int l = 0; l < labels; l++) {
                if (m[l] > 0) {
                    double zz = z[k * labels + l];
                    sum += Math.max(zz, 0) - zz * t[l] + Math.log1p(Math.exp(-Math.abs(zz)));
                    known++;
                }
            }
        }
        return sum / Math.max(1, known);
    }

    static float[] logits(NetTrainer net, float[] x, int n, int size) {
        int px = size * size;
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (int i0 = 0; i0 < n; i0 += EVAL_CHUNK) {
            int c = Math.min(EVAL_CHUNK, n - i0);
            float[] chunk = new float[c * px];
            System.arraycopy(x, i0 * px, chunk, 0, c * px);
            float[] z = net.predict(chunk, c);
            parts.add(z);
            total += z.length;
        }
        float[] out = new float[total];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static double[][] probabilities(NetTrainer net, Features x, int size) {
        int px = size * size;
        float[] in = new float[x.n() * px];
        double[] row = new double[px];
        for (int r = 0; r < x.n(); r++) {
            x.row(r, row, 0);
            for (int j = 0; j < px; j++) {
                in[r * px + j] = (float) ((row[j] - 0.5) / 0.25);
            }
        }
        float[] z = logits(net, in, x.n(), size);
        int labels = z.length / x.n();
        double[][] p = new double[x.n()][labels];
        for (int i = 0; i < x.n(); i++) {
            for (int l = 0; l < labels; l++) {
                p[i][l] = 1 / (1 + Math.exp(-z[i * labels + l]));
            }
        }
        return p;
    }
}
