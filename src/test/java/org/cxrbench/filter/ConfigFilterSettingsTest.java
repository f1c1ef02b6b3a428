package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.cxrbench.pipeline.config.ConfigReader;
import org.cxrbench.pipeline.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config's filter: block, bound to its record, gives the filter stage the settings ./cxrbench filter would get. */
class ConfigFilterSettingsTest {
    @TempDir Path dir;

    static final String BASE = "real:\n  train: {phantom: {patients: 10, size: 64}}\n"
            + "generators:\n  - {name: a, simulator: faithful}\n  - {name: b, simulator: blurry(1.5)}\n";

    RunConfig parse(String yaml) {
        return ConfigReader.parse(ConfigReader.tree(yaml, "c.yaml"), dir, "c.yaml", "sha256:x");
    }

    @Test
    void defaultsWhenTheBlockNamesOnlyTheJudge() {
        ConfigFilter.Settings s = ConfigFilter.settings(parse(BASE + "filter: {judge: builtin}\n"));
        assertThat(s.judge()).isEqualTo("builtin");
        assertThat(s.remove()).isEqualTo(EnumSet.of(Verdict.LOW, Verdict.NOT_RELEVANT));
        assertThat(s.generators()).containsExactly("a", "b");
        assertThat(s.unfiltered()).isTrue();
        assertThat(s.settings()).isEqualTo(FilterJob.JudgeSettings.defaults());
    }

    @Test
    void removeAsListOrStringAndFilesResolvedAgainstTheConfigFolder() throws Exception {
        Files.writeString(dir.resolve("labels.csv"), "image,verdict\n");
        for (String remove : new String[] {"[low, unjudged]", "'low,unjudged'"}) {
            ConfigFilter.Settings s = ConfigFilter.settings(parse(BASE + "filter: {judge: labels-file, labels: labels.csv, "
                    + "remove: " + remove + ", generators: [b], unfiltered: false, false_rejection: 0.05}\n"));
            assertThat(s.remove()).isEqualTo(EnumSet.of(Verdict.LOW, Verdict.UNJUDGED));
            assertThat(s.generators()).containsExactly("b");
            assertThat(s.unfiltered()).isFalse();
            assertThat(s.settings().labels()).isEqualTo(dir.resolve("labels.csv").toAbsolutePath().normalize());
            assertThat(s.settings().falseRejection()).isEqualTo(0.05);
        }
        ConfigFilter.Settings vlm = ConfigFilter.settings(parse(BASE + "filter: {judge: vlm, endpoint: 'http://h/v1', "
                + "model: m, concurrency: 3, timeout: 30, retries: 1, max_rps: 2.5, on_error: fail, api_key_env: K}\n"));
        assertThat(vlm.settings().concurrency()).isEqualTo(3);
        assertThat(vlm.settings().timeoutSeconds()).isEqualTo(30.0);
        assertThat(vlm.settings().retries()).isEqualTo(1);
        assertThat(vlm.settings().vlm().maxRps()).isEqualTo(2.5);
        assertThat(vlm.settings().vlm().apiKeyEnv()).isEqualTo("K");
        assertThat(vlm.settings().model()).isEqualTo("m");
    }
}
