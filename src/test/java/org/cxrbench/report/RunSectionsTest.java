package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cxrbench.data.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gallery: one captioned image per sample with its id, its labels or "no positive label", its verdict if any. */
class RunSectionsTest {
    @TempDir java.nio.file.Path dir;

    @Test
    void galleryCaptionsEachImageWithItsLabelsAndVerdict() throws Exception {
        Manifest m = ClosestPairsTest.folder(dir.resolve("g"), 2, 0.2f);
        String html = RunSections.gallery(Map.of("gen <a>", List.of(new RunSections.Sample(m.get(0), m.imagePath(0), "low"),
                new RunSections.Sample(m.get(1), m.imagePath(1), null))), 32);
        assertThat(html.split("<figure class=\"sample\">", -1).length - 1).isEqualTo(2);
        assertThat(html).contains("<h3>gen &lt;a&gt;</h3>", "no positive label", "filter: <span class=\"badge\">low</span>")
                .contains("src=\"data:image/png;base64,").contains(m.get(1).id());
        assertThat(html.split("filter: ", -1).length - 1).isEqualTo(1);
        assertThat(RunSections.gallery(Map.of("empty", List.of()), 32)).isEmpty();
        assertThat(RunSections.closestPairs(Map.of("empty", List.of()), null, 32)).isEmpty();
    }
}
