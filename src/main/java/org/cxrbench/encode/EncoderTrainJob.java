package org.cxrbench.encode;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.cxrbench.common.Version;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Labels;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;
import org.cxrbench.data.NihReader;
import org.cxrbench.data.PatientSplits;
import org.cxrbench.phantom.PhantomDatasets;
import org.cxrbench.phantom.Renderer;
import org.cxrbench.phantom.Study;
import org.cxrbench.phantom.World;
import org.cxrbench.stats.Roc;

/**
 * ./cxrbench encoder train: trains the built-in cxr-cnn on real NIH ChestX-ray14 images (patient-level split) and
 * phantom images, multi-label on the 14 CheXpert labels with a masked binary cross-entropy (blank labels are not
 * trained on), and writes the weights and a data card with the held-out AUROC per label. Seeded, one PyTorch
 * thread: the same data and seed give the same weights.
 */
public final class EncoderTrainJob {
    private EncoderTrainJob() {}

    public record Request(List<Path> nih, int phantomPatients, int epochs, int batch, double learningRate, long seed,
                          Path out, String command) {}

    /** Images (64 x 64 network inputs), labels (14 values, Labels.BLANK = unknown) and where they came from. */
    record Data(List<float[]> x, List<byte[]> y, String name) {}

    public static EncoderCard run(Request req, PrintStream log) {
        CxrCnn.configureEngine();
        long t0 = System.nanoTime();
        Nih nih = nih(req);
        Data nihTrain = nih.train();
        Data nihTest = nih.test();
        long nihPatients = nih.patients();
        Data phTrain = phantom("cnn-train-", req.seed(), req.phantomPatients(), "phantom-train");
        Data phTest = phantom("cnn-test-", req.seed() + 1, Math.max(50, req.phantomPatients() / 4), "phantom-test");
        List<float[]> x = new ArrayList<>(nihTrain.x());
        x.addAll(phTrain.x());
        List<byte[]> y = new ArrayList<>(nihTrain.y());
        y.addAll(phTrain.y());
        if (x.size() < req.batch()) {
            throw new BadInputException("only " + x.size() + " training images; give --nih folders or more --phantom-patients");
        }
        log.printf("training cxr-cnn on %d images (%d NIH, %d phantom); held out: %d NIH (unseen patients), %d phantom%n",
                x.size(), nihTrain.x().size(), phTrain.x().size(), nihTest.x().size(), phTest.x().size());

        EncoderCard card;
        CxrCnn.Net net = CxrCnn.build();
        try (NetTrainer trainer = new NetTrainer("cxr-cnn", net.full(), new Shape(1, CxrCnn.INPUT, CxrCnn.INPUT),
                new Shape(CxrCnn.LABELS), req.learningRate(), req.seed())) {
            NDManager manager = trainer.manager();
            SplittableRandom rnd = new SplittableRandom(req.seed());
            int n = x.size();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            int px = CxrCnn.INPUT * CxrCnn.INPUT;
            NetTrainer.BatchSource source = (rows, xb, yb, mb) -> {
                for (int k = 0; k < rows.length; k++) {
                    System.arraycopy(x.get(rows[k]), 0, xb, k * px, px);
                    MaskedBceLoss.targets(y.get(rows[k]), yb, mb, k * CxrCnn.LABELS);
                }
            };
            List<Double> losses = new ArrayList<>();
            for (int epoch = 0; epoch < req.epochs(); epoch++) {
                org.cxrbench.stats.Sampling.shuffle(rnd, order);
                double mean = trainer.epoch(order, req.batch(), source);
                losses.add(mean);
                log.printf(Locale.ROOT, "epoch %d/%d: masked BCE %.4f (%.0f s)%n", epoch + 1, req.epochs(), mean,
                        (System.nanoTime() - t0) / 1e9);
            }
            Map<String, Map<String, EncoderCard.LabelAuroc>> auroc = new LinkedHashMap<>();
            for (Data d : List.of(nihTest, phTest)) {
                if (!d.x().isEmpty()) {
                    auroc.put(d.name(), evaluate(net, manager, d));
                }
            }
            byte[] params = trainer.parameters();
            AtomicFiles.write(req.out().resolve("cxr-cnn.params"), o -> o.write(params));
            card = card(req, params, nihPatients, nihTrain, nihTest, phTrain, phTest, losses, auroc,
                    (System.nanoTime() - t0) / 1e9);
            Json.write(req.out().resolve("cxr-cnn.card.json"), card);
        }
        log.printf("wrote %s and %s%n", req.out().resolve("cxr-cnn.params"), req.out().resolve("cxr-cnn.card.json"));
        return card;
    }

    /** The NIH images, split 80/20 by patient: training and held-out data and the number of patients. */
    private record Nih(Data train, Data test, long patients) {}

    /** The NIH folders merged (ids prefixed by folder), split by patient across all of them, decoded as inputs. */
    private static Nih nih(Request req) {
        List<ManifestRecord> all = new ArrayList<>();
        for (Path p : req.nih()) {
            Manifest m = NihReader.read(p, false).manifest();
            String prefix = m.baseDir().getFileName() + "/";
            for (int i = 0; i < m.size(); i++) {
                ManifestRecord r = m.get(i);
                all.add(ManifestRecord.builder(prefix + r.id(), m.imagePath(i).toString()).patient(r.patientId())
                        .labels(r.labels()).source("nih").build());
            }
        }
        Data nihTrain = new Data(new ArrayList<>(), new ArrayList<>(), "nih-train");
        Data nihTest = new Data(new ArrayList<>(), new ArrayList<>(), "nih-test");
        if (all.isEmpty()) {
            return new Nih(nihTrain, nihTest, 0);
        }
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("train", 0.8);
        f.put("test", 0.2);
        Manifest split = PatientSplits.split(new Manifest(all, Path.of(".")), f, req.seed());
        long patients = split.records().stream().map(ManifestRecord::patientId).distinct().count();
        for (ManifestRecord r : split.records()) {
            Data d = r.split().equals("train") ? nihTrain : nihTest;
            d.x().add(CxrCnn.input(ImageDecoder.decode(Path.of(r.path()))));
            d.y().add(r.labels().toArray());
        }
        return new Nih(nihTrain, nihTest, patients);
    }

    /** The encoder's card: architecture, weights' hash, training data and settings, held-out AUROCs, versions. */
    private static EncoderCard card(Request req, byte[] params, long nihPatients, Data nihTrain, Data nihTest, Data phTrain,
                                    Data phTest, List<Double> losses,
                                    Map<String, Map<String, EncoderCard.LabelAuroc>> auroc, double seconds) {
        EncoderCard.TrainingData data = new EncoderCard.TrainingData(req.nih().stream().map(Path::toString).toList(),
                nihPatients, nihTrain.x().size(), nihTest.x().size(), "patient-level 80/20, seed " + req.seed(),
                phTrain.x().size(), phTest.x().size(),
                "14 CheXpert labels; NIH findings mapped as in the README; blank labels masked out",
                "NIH ChestX-ray14: we acknowledge the NIH Clinical Center "
                + "(https://nihcc.app.box.com/v/ChestXray-NIHCC); Wang et al., ChestX-ray8, CVPR 2017");
        EncoderCard.Training train = new EncoderCard.Training(req.epochs(), req.batch(),
                "Adam, learning rate " + req.learningRate(), "masked binary cross-entropy with logits", req.seed(),
                losses, seconds);
        return new EncoderCard("cxr-cnn: 4 conv blocks (16/32/64/128 channels, 3x3, batch norm, ReLU, max pool), global "
                + "average pool, 256-unit ReLU layer (the feature), 14-label head; input 64 x 64 grey, (x-0.5)/0.25",
                Hashing.ofBytes(params), params.length, data, train, auroc, req.command(),
                Version.version() + " (" + Version.commit() + ")",
                "DJL " + Engine.getDjlVersion() + ", PyTorch " + Engine.getInstance().getVersion() + ", CPU, 1 thread");
    }

    static Data phantom(String prefix, long seed, int patients, String name) {
        Data d = new Data(new ArrayList<>(), new ArrayList<>(), name);
        for (Study s : World.cohort(prefix, seed, patients, 2, CxrCnn.INPUT)) {
            d.x().add(CxrCnn.input(Renderer.render(s, CxrCnn.INPUT).image()));
            d.y().add(PhantomDatasets.labels(s.findings()).toArray());
        }
        return d;
    }

    /** AUROC per label on held-out images, for labels with both classes present (counts given). */
    static Map<String, EncoderCard.LabelAuroc> evaluate(CxrCnn.Net net, NDManager manager, Data d) {
        int n = d.x().size();
        float[][] logits = new float[n][];
        ParameterStore ps = new ParameterStore(manager, false);
        for (int i = 0; i < n; i++) {
            try (NDManager m = manager.newSubManager()) {
                NDArray x = m.create(d.x().get(i), new Shape(1, 1, CxrCnn.INPUT, CxrCnn.INPUT));
                logits[i] = net.full().forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            }
        }
        Map<String, EncoderCard.LabelAuroc> out = new LinkedHashMap<>();
        for (ChexpertLabel l : ChexpertLabel.values()) {
            List<Double> s = new ArrayList<>();
            List<Boolean> pos = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte v = d.y().get(i)[l.ordinal()];
                if (v == Labels.POSITIVE || v == Labels.NEGATIVE) {
                    s.add((double) logits[i][l.ordinal()]);
                    pos.add(v == Labels.POSITIVE);
                }
            }
            long np = pos.stream().filter(b -> b).count();
            if (np < 2 || pos.size() - np < 2) {
                continue;
            }
            double[] sc = s.stream().mapToDouble(Double::doubleValue).toArray();
            boolean[] p = new boolean[pos.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = pos.get(i);
            }
            out.put(l.key(), new EncoderCard.LabelAuroc(Roc.auc(sc, p), np, pos.size() - np));
        }
        return out;
    }
}
