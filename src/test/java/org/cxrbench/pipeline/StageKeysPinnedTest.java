package org.cxrbench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.cxrbench.filter.ConfigFilter;
import org.cxrbench.pipeline.config.ConfigReader;
import org.cxrbench.pipeline.config.RunConfig;
import org.cxrbench.privacy.PrivacyJob;
import org.cxrbench.privacy.PrivacyMetrics;
import org.cxrbench.privacy.PrivacyStages;
import org.cxrbench.utility.ConfigUtility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage keys of fixed settings and inputs, pinned: the hex values are what main computed at b42541d, when the
 * settings were built as {@code Map<String, Object>}; the typed settings records give the same keys, so the caches
 * users already have stay valid. A key that moves here means every stored stage of that kind is recomputed.
 */
class StageKeysPinnedTest {
    @TempDir Path dir;

    static final String CONFIG = """
            real:
              train: {phantom: {patients: 10, size: 64}}
              holdout: {phantom: {patients: 10, size: 64, seed: 1, labels: train}}
              test: {phantom: {patients: 8, size: 64, seed: 2}}
            seed: 7
            generators: [faithful, {name: mem, simulator: memorizer(0.3)}]
            metrics:
              privacy: {metrics: [dcr_median, memorized, holdout_score], memorization_quantile: 0.01, carlini_n: 20,
                        reid_threshold: 0.8}
            filter: {judge: builtin, remove: [low, not-relevant], false_rejection: 0.05}
            utility: {conditions: [real, synthetic, augmented], real_fraction: 0.2, synthetic_ratios: [0.5, 1, 2],
                      seeds: 3, probe_c: 0.5, correction: holm, test: welch, alpha: 0.1, metrics: [f1_macro]}
            """;

    /** The same config with every family block at its defaults. */
    static final String DEFAULTS = CONFIG.replaceAll("(?s)metrics:\\n  privacy.*", "filter: {judge: builtin}\nutility: {}\n");

    static final Map<String, String> IN = Map.of("images", "sha256:0123", "train", "sha256:4567");

    RunConfig config(String yaml) {
        return ConfigReader.parse(ConfigReader.tree(yaml, "c.yaml"), dir, "c.yaml", "sha256:x");
    }

    @Test
    void dataAndEncodeKeysAreMains() {
        RunConfig c = config(CONFIG);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("data[train]", Stage.key("data", ConfigData.PhantomSettings.of("train", c.train().phantom()), Map.of()));
        keys.put("data[holdout]", Stage.key("data", ConfigData.PhantomSettings.of("holdout", c.holdout().phantom()), Map.of()));
        keys.put("data[mem]", Stage.key("data", ConfigData.SimulatedSettings.of(c.generators().get(1), c.train().phantom(), 8),
                Map.of()));
        keys.put("encode", Stage.key("encode", EncodeSettings.of("pixels16;v=1"), IN));
        keys.put("encode (skip bad)", Stage.key("encode", EncodeSettings.skippingBad("pixels16;v=1"), IN));
        assertThat(keys).isEqualTo(Map.of(
                "data[train]", "sha256:c4f4c991739abe5275abd839b2913413cf62f80aaa88e123610fda2ef03ff155",
                "data[holdout]", "sha256:e2b5bb7118ecae2113cabec2e366d070a0d90fcafea4168d6049623d8c41b4b1",
                "data[mem]", "sha256:097fd2ecbca64f338fa9d2064077eef176017eba5f3cdd0434b4c4d29f434d20",
                "encode", "sha256:1c94b477fac0b8b512b5350bd417d05a0072d6b1e222ab2df4e0be08487a8344",
                "encode (skip bad)", "sha256:b2f12af904571b38717d2934b3e1660816689b59b8a00fce57092331e5e22c12"));
    }

    @Test
    void familyStageKeysAreMains() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String yaml : List.of(CONFIG, DEFAULTS)) {
            RunConfig c = config(yaml);
            String v = yaml == CONFIG ? "given" : "defaults";
            keys.put("privacy " + v, Stage.key("privacy", new PrivacyStages(c, null, null, null, null, null).keySettings(), IN));
            keys.put("filter " + v, Stage.key("filter", ConfigFilter.settings(c).keySettings(), IN));
            keys.put("utility " + v, Stage.key("utility", ConfigUtility.settings(c).keySettings(), IN));
        }
        assertThat(keys).isEqualTo(Map.of(
                "privacy given", "sha256:92ad2db188c99a9ae97c7c3d04fc09f038815cda2c64e704b73f4e913ab226cf",
                "filter given", "sha256:a56f7f68c5bc91bd6e06851135f2f230c9999f7afde9663dc719514ea2baacd7",
                "utility given", "sha256:9cb363715494e943924f6f32a0fa67aee9660aa9b152074681b70ef7eb0593f5",
                "privacy defaults", "sha256:6c22d7807b1a343d0b8933024933beb7c824f10e8801fdd02d8d89732a291333",
                "filter defaults", "sha256:3828565100112530ad0e09a88c4e0c800079449052536e200ed7eb831327534c",
                "utility defaults", "sha256:2207796099f194d837bff03e3d119f5ff0da26ac723f846774de699f61b7dbde"));
    }

    @Test
    void commandStageKeysAreMains() throws Exception {
        Path a = Files.write(dir.resolve("a.npy"), new byte[] {1, 2, 3});
        Path b = Files.write(dir.resolve("b.npy"), new byte[] {4, 5, 6});
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("encode", new EncodeJob.AsStage(new EncodeJob.Request(a, "pixels16", dir.resolve("o.npy"), "t")).key());
        PrivacyJob.Request r = new PrivacyJob.Request(a, b, null, null, new LinkedHashSet<>(List.of("dcr_median")),
                new PrivacyMetrics.Options(0.01, 20, 0.5), 0.8, 3, null, null, null, null, "t");
        keys.put("privacy given", new PrivacyJob.AsStage(r).key());
        PrivacyJob.Request d = new PrivacyJob.Request(a, b, b, "pixels16", null, PrivacyMetrics.Options.defaults(), 0.9, 0,
                null, null, null, "pixels16", "t");
        keys.put("privacy defaults", new PrivacyJob.AsStage(d).key());
        assertThat(keys).isEqualTo(Map.of(
                "encode", "sha256:5b9f4e51d4a675705a9380a29c3a263ab1c04b992e9d4a96fff150cb3ca83a64",
                "privacy given", "sha256:4d642df6f6aa53e5984f48be799737d47a22a6648a42cfa967992ddd0cf74129",
                "privacy defaults", "sha256:b3c80f65d5effd1ce8cef6cbeeadd46aa02de2897d1f4df73824e5133ee188ff"));
    }
}
