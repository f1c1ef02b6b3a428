package org.cxrbench.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Family;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Metrics;

/**
 * Reads a run config (YAML) into a {@link RunConfig}. The tree is first checked against the config's JSON Schema
 * ({@link ConfigSchema}: keys, types, ranges, allowed values), so a typo is a one-line error naming the key's path and
 * the allowed values (exit 2) before any work; this class checks only the rules across keys and across files (a
 * phantom generator needs a phantom training set, names are unique, frd needs radiomics, files exist, a judge has
 * what it needs). Relative paths resolve against the config file's folder.
 */
public final class ConfigReader {
    private ConfigReader() {}

    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads and validates a config file. */
    public static RunConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "not found", "give a run config (YAML), e.g. configs/demo.yaml");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BadInputException.of(file, "not readable (" + e.getMessage() + ")", "check the file's permissions");
        }
        Path base = file.toAbsolutePath().normalize().getParent();
        return parse(tree(text, file.toString()), base, file.toString(), Hashing.ofString(text));
    }

    /** The YAML text as a tree (one-line error on a syntax error). */
    public static JsonNode tree(String text, String source) {
        try {
            JsonNode n = YAML.readTree(text);
            if (n == null || n.isMissingNode() || n.isNull()) {
                throw new BadInputException(source + ": empty config; start from configs/demo.yaml");
            }
            return n;
        } catch (IOException e) {
            throw new BadInputException(source + ": not valid YAML (" + e.getMessage().split("\n")[0]
                    + "); fix the syntax (indentation, ': ' after keys)");
        }
    }

    /** Validates a config tree; {@code base} resolves relative paths. */
    public static RunConfig parse(JsonNode given, Path base, String source, String hash) {
        JsonNode root = ConfigSchema.withNameListsSplit(given);
        var acrossKeys = ConfigSchema.check(root, source);
        RunConfig config = read(new ConfigNode(source, "", root), base, source, hash);
        ConfigSchema.unexplained(acrossKeys, source);
        return config;
    }

    private static RunConfig read(ConfigNode c, Path base, String source, String hash) {
        long seed = c.has("seed") ? c.get("seed").integer() : 0;
        Integer threads = c.has("threads") ? (int) c.get("threads").integer() : null;
        String engine = c.has("engine") ? c.get("engine").text() : "local";
        String encoder = c.has("encoder") ? c.get("encoder").text() : null;
        // features_encoder: the encoder that made the config's feature files, carried in the encoder spec
        encoder = org.cxrbench.encode.FeatureEncoders.withDeclared(encoder, c.has("features_encoder") ? c.get("features_encoder").text() : null);
        ConfigNode real = c.get("real");
        RunConfig.DataSet train = dataSet(real.required("train"), base);
        if (trainLabels(real.required("train"))) {
            throw real.get("train").get("phantom").get("labels").error("the training cohort's labels are its own",
                    "remove labels: here (labels: train belongs on a phantom holdout or test set)");
        }
        RunConfig.DataSet holdout = real.has("holdout") ? withTrainLabels(real.get("holdout"), dataSet(real.get("holdout"), base), train) : null;
        // test: holdout reuses the holdout as the utility test set, said explicitly (it also sets the noise floor)
        boolean testIsHoldout = real.has("test") && real.get("test").node.isTextual()
                && real.get("test").node.asText().strip().equals("holdout");
        if (testIsHoldout && holdout == null) {
            throw real.get("test").error("names the holdout, but real.holdout is not given", "add real.holdout, or give real.test its own data");
        }
        RunConfig.DataSet test = real.has("test") && !testIsHoldout
                ? withTrainLabels(real.get("test"), dataSet(real.get("test"), base), train) : null;
        List<RunConfig.Generator> gens = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode g : c.get("generators").list()) {
            RunConfig.Generator gen = generator(g, base);
            if (gen.simulator() != null && !train.isPhantom()) {
                throw g.error("the simulator '" + gen.simulator() + "' is prompted with a phantom training set, but "
                        + "real.train is not one", "use real.train: {phantom: {...}} or give the generator's images (path:)");
            }
            if (!names.add(gen.name())) {
                throw g.error("generator name '" + gen.name() + "' is used twice", "give each generator its own name:");
            }
            gens.add(gen);
        }
        ConfigNode metrics = c.has("metrics") ? c.get("metrics") : null;
        RunConfig.Fidelity fid = fidelity(metrics != null && metrics.has("fidelity") ? metrics.get("fidelity") : null);
        if (fid.metrics().contains("frd") && (encoder == null || !encoder.startsWith("radiomics"))) {
            throw metrics.get("fidelity").get("metrics").error("frd is defined on radiomics features",
                    "set encoder: radiomics for this config, or remove frd");
        }
        RunConfig.Privacy priv = privacy(metrics != null && metrics.has("privacy") ? metrics.get("privacy") : null);
        RunConfig.Filter filter = c.has("filter") ? filter(c.get("filter"), base) : null;
        RunConfig.Utility utility = c.has("utility") ? utility(c.get("utility")) : null;
        String device = c.has("device") ? c.get("device").text() : null; // checked by ComputeDevice.parse
        if (utility != null && testIsHoldout) {
            utility = utility.withTestIsHoldout();
        }
        return new RunConfig(source, hash, seed, threads, engine, encoder, train, holdout, test, gens, fid, priv, filter,
                utility, device, c.has("skip_bad") && c.get("skip_bad").bool());
    }

    /** A data set: "PATH[#split]", {path, split, labels}, or {phantom: {patients, studies, size, seed}}. */
    static RunConfig.DataSet dataSet(ConfigNode n, Path base) {
        if (n.node.isTextual()) {
            return pathSet(n, n.text(), null, null, base);
        }
        if (n.has("phantom")) {
            if (n.has("path") || n.has("split") || n.has("labels")) {
                throw n.error("give either phantom: or path:, not both", "keep one");
            }
            ConfigNode p = n.get("phantom");
            return new RunConfig.DataSet(null, null, null, new RunConfig.Phantom((int) p.get("patients").integer(),
                    p.has("studies") ? (int) p.get("studies").integer() : 2, p.has("size") ? (int) p.get("size").integer() : 128,
                    p.has("seed") ? p.get("seed").integer() : 0));
        }
        return pathSet(n, n.required("path").text(), n.has("split") ? n.get("split").text() : null,
                n.has("labels") ? n.get("labels").text() : null, base);
    }

    private static boolean trainLabels(ConfigNode n) {
        return n.node.isObject() && n.has("phantom") && n.get("phantom").has("labels")
                && n.get("phantom").get("labels").text().equals("train");
    }

    /** {@code labels: train}: the phantom set takes the training cohort's findings study by study (same shape). */
    private static RunConfig.DataSet withTrainLabels(ConfigNode n, RunConfig.DataSet ds, RunConfig.DataSet train) {
        if (!trainLabels(n)) {
            return ds;
        }
        RunConfig.Phantom p = ds.phantom();
        RunConfig.Phantom t = train.phantom();
        if (t == null || t.patients() != p.patients() || t.studies() != p.studies()) {
            throw n.get("phantom").get("labels").error("labels: train needs a phantom training cohort with the same patients"
                    + " and studies", "give both the same patients: and studies:, or use labels: own");
        }
        return new RunConfig.DataSet(null, null, null, new RunConfig.Phantom(p.patients(), p.studies(), p.size(), p.seed(), t));
    }

    static RunConfig.DataSet pathSet(ConfigNode n, String p, String split, String labels, Path base) {
        if (split == null && p.contains("#")) {
            split = p.substring(p.indexOf('#') + 1);
            p = p.substring(0, p.indexOf('#'));
        }
        Path path = base.resolve(p).normalize();
        if (!Files.exists(path)) {
            throw n.error(path + " not found", "give a manifest CSV, an image folder or a feature file (.npy/.csv); "
                    + "relative paths are read from the config's folder " + base);
        }
        Path lab = labels == null ? null : base.resolve(labels).normalize();
        if (lab != null && !Files.isRegularFile(lab)) {
            throw n.error("labels " + lab + " not found", "give a manifest CSV in the same row order as the features");
        }
        return new RunConfig.DataSet(path, split, lab, null);
    }

    /** "faithful" / "memorizer(0.3)" (a simulator), or {name, simulator} / {name, path, split, labels}. */
    static RunConfig.Generator generator(ConfigNode g, Path base) {
        if (g.node.isTextual()) {
            String s = simulator(g, g.text());
            return new RunConfig.Generator(s, null, s);
        }
        if (g.has("simulator") == g.has("path")) {
            throw g.error("give either simulator: (a phantom generator) or path: (images, manifest or features)", "keep one");
        }
        if (g.has("simulator")) {
            if (g.has("split") || g.has("labels")) {
                throw g.error("split: and labels: go with path:, not simulator:", "remove them");
            }
            String s = simulator(g.get("simulator"), g.get("simulator").text());
            return new RunConfig.Generator(g.has("name") ? g.get("name").text() : s, null, s);
        }
        String name = g.required("name").text();
        ConfigNode data = new ConfigNode(g.source, g.path, ((com.fasterxml.jackson.databind.node.ObjectNode) g.node)
                .deepCopy().without("name"));
        return new RunConfig.Generator(name, dataSet(data, base), null);
    }

    /** A simulator spec as given (the schema's pattern names {@code phantom.Generators.NAMES}; a test keeps them equal). */
    static String simulator(ConfigNode n, String spec) {
        return spec.trim().toLowerCase(Locale.ROOT);
    }

    static RunConfig.Fidelity fidelity(ConfigNode n) {
        if (n == null) {
            return new RunConfig.Fidelity(new LinkedHashSet<>(Metrics.defaults(Family.FIDELITY)), 5, 100, 1000, 0, "symmetric", false, 50,
                    "lcg");
        }
        return new RunConfig.Fidelity(n.has("metrics") ? n.get("metrics").names() : new LinkedHashSet<>(Metrics.defaults(Family.FIDELITY)),
                n.has("k") ? (int) n.get("k").integer() : 5,
                n.has("kid_subsets") ? (int) n.get("kid_subsets").integer() : 100,
                n.has("kid_subset_size") ? (int) n.get("kid_subset_size").integer() : 1000,
                n.has("bootstrap") ? (int) n.get("bootstrap").integer() : 0,
                n.has("fid_route") ? n.get("fid_route").text() : "symmetric",
                n.has("prdc_inclusive") && n.get("prdc_inclusive").bool(),
                n.has("min_label_count") ? (int) n.get("min_label_count").integer() : 50,
                n.has("kid_subset_rule") ? n.get("kid_subset_rule").text() : "lcg");
    }

    static RunConfig.Privacy privacy(ConfigNode n) {
        List<String> all = Metrics.ids(Family.PRIVACY);
        if (n == null) {
            return new RunConfig.Privacy(new LinkedHashSet<>(all), 0.001, 50, "pixels16", 0.9);
        }
        return new RunConfig.Privacy(n.has("metrics") ? n.get("metrics").names() : new LinkedHashSet<>(all),
                n.has("memorization_quantile") ? n.get("memorization_quantile").number() : 0.001,
                n.has("carlini_n") ? (int) n.get("carlini_n").integer() : 50,
                n.has("reid_encoder") ? n.get("reid_encoder").text() : "pixels16",
                n.has("reid_threshold") ? n.get("reid_threshold").number() : 0.9);
    }

    /**
     * The filter: block (as ./cxrbench filter's options; keys and values checked by the schema); file paths are
     * resolved against the config's folder. Keys: judge, remove, generators (default: all), false_rejection (builtin), labels (labels-file),
     * endpoint + model (vlm: the served model's name), model + label_map + preset (onnx: the model file),
     * concurrency, timeout, retries, on_error, api_key_env, max_rps, model_fingerprint (vlm), unfiltered (also measure each generator before filtering; default true).
     */
    static RunConfig.Filter filter(ConfigNode n, Path base) {
        String judge = n.has("judge") ? n.get("judge").text() : "builtin";
        List<String> files = judge.equals("onnx") ? List.of("labels", "model", "label_map") : List.of("labels", "label_map");
        for (String k : files) {
            if (n.has(k) && !Files.exists(base.resolve(n.get(k).text()))) {
                throw n.get(k).error(base.resolve(n.get(k).text()) + " not found", "give an existing file (relative to the config's folder)");
            }
        }
        String need = switch (judge) {
            case "labels-file" -> n.has("labels") ? null : "labels: FILE (CSV image,verdict or JSONL)";
            case "vlm" -> n.has("endpoint") && n.has("model") ? null : "endpoint: http://host:port/v1 and model: NAME";
            case "onnx" -> n.has("model") && n.has("label_map") ? null : "model: FILE.onnx and label_map: FILE";
            default -> null;
        };
        if (need != null) {
            throw n.get("judge").error("judge " + judge + " needs " + need, "add it to the filter: block");
        }
        return YAML.convertValue(n.node, RunConfig.Filter.class).resolved(judge, base, files);
    }

    /** The utility: block (as ./cxrbench utility's options), bound after the schema check. */
    static RunConfig.Utility utility(ConfigNode n) {
        return YAML.convertValue(n.node, RunConfig.Utility.class);
    }
}
