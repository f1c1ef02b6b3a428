package org.cxrbench.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;

/**
 * {@code onnx}: a user's image-quality classifier (ONNX, run by ONNX Runtime on the CPU through the encode package,
 * with a preset for its preprocessing, e.g. {@code gray224}) and a label map saying which verdict each output class
 * stands for. The map is a JSON list (class i -> answer i), a JSON object ({@code "0": "High Quality", ...}) or a
 * text file with one answer per line; every answer is read by {@link VerdictParser}. The verdict is the class with
 * the largest output; the score is its probability (the outputs as they are when they already are probabilities,
 * that is non-negative and summing to 1 within 1e-3, else their softmax).
 */
public final class OnnxJudge implements Judge {
    private final Encoder model;
    private final Verdict[] classes;
    private final String fingerprint;
    private final Path labelMap;

    public OnnxJudge(Path modelFile, String preset, Path labelMap) {
        if (!Files.isRegularFile(modelFile)) {
            throw BadInputException.of(modelFile, "model file not found", "give --model the classifier's .onnx file");
        }
        if (!modelFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            throw BadInputException.of(modelFile, "is not an .onnx file", "export the classifier to ONNX");
        }
        if (preset == null) {
            throw new BadInputException("--judge onnx needs --preset (e.g. gray224 for one grey channel of 224 x 224 in [0,1])");
        }
        this.classes = readLabelMap(labelMap);
        this.labelMap = labelMap;
        this.model = Encoders.get(modelFile + "@" + preset);
        if (model.dimension() != classes.length) {
            throw BadInputException.of(labelMap, "names " + classes.length + " classes but the model has " + model.dimension()
                    + " outputs", "give one answer per output class, in output order");
        }
        this.fingerprint = "onnx-judge;v1;" + model.fingerprint() + ";labels=" + Hashing.ofFile(labelMap);
    }

    static Verdict[] readLabelMap(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new BadInputException("--label-map " + file + ": not found; give a JSON list of answers in output order");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw BadInputException.of(file, "cannot read (" + e.getMessage() + ")", "check the file");
        }
        List<String> answers = text.startsWith("[") || text.startsWith("{") ? jsonAnswers(file, text) : lineAnswers(text);
        if (answers.isEmpty()) {
            throw BadInputException.of(file, "names no class", "write one answer per output class");
        }
        Verdict[] out = new Verdict[answers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = VerdictParser.parse(answers.get(i), file + ": class " + i, "write High Quality, Medium Quality, Low Quality or Not Relevant");
        }
        return out;
    }

    /** A label map as JSON: a list of answers in output order, or an object from class index to answer. */
    private static List<String> jsonAnswers(Path file, String text) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw BadInputException.of(file, "not valid JSON (" + VerdictParser.shorten(e.getMessage()) + ")", "write a JSON list of answers");
        }
        List<String> answers = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> answers.add(x.asText()));
            return answers;
        }
        Map<Integer, String> byIndex = new java.util.TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                byIndex.put(Integer.parseInt(e.getKey().trim()), e.getValue().asText());
            } catch (NumberFormatException ex) {
                throw BadInputException.of(file, "key '" + e.getKey() + "' is not a class index", "use \"0\", \"1\", ...");
            }
        }
        for (int i = 0; i < byIndex.size(); i++) {
            if (!byIndex.containsKey(i)) {
                throw BadInputException.of(file, "no answer for class " + i, "name every class 0.." + (byIndex.size() - 1));
            }
            answers.add(byIndex.get(i));
        }
        return answers;
    }

    /** A label map as text: one answer per non-blank line, in output order. */
    private static List<String> lineAnswers(String text) {
        List<String> answers = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                answers.add(line);
            }
        }
        return answers;
    }

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public JudgeInfo info() {
        return new JudgeInfo.Onnx(name(), fingerprint(), model.fingerprint(), labelMap.toString(),
                java.util.Arrays.stream(classes).map(Verdict::key).toList(),
                "probability of the chosen class (softmax of the outputs unless they are probabilities)");
    }

    /** The judgement for one model output. */
    Judgement decide(double[] out) {
        boolean probs = true;
        double sum = 0;
        for (double v : out) {
            probs &= v >= 0 && v <= 1;
            sum += v;
        }
        probs &= Math.abs(sum - 1) < 1e-3;
        double[] p = out.clone();
        if (!probs) {
            double max = java.util.Arrays.stream(out).max().orElse(0);
            double z = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.exp(out[i] - max);
                z += p[i];
            }
            for (int i = 0; i < p.length; i++) {
                p[i] /= z;
            }
        }
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return new Judgement(classes[best], p[best], String.format(Locale.ROOT, "class %d (p %.3f)", best, p[best]));
    }

    @Override
    public void judge(Manifest manifest, List<Integer> indices, int threads, Sink sink, PrintStream log) {
        BuiltinJudge.parallel(manifest, indices, threads,
                i -> sink.accept(i, decide(model.encode(ImageDecoder.decode(manifest.imagePath(i))))));
    }
}
