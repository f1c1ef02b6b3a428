package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the rendered reports in headless Chromium (Debian's chromium, when installed; skipped otherwise): after
 * load, a probe appended to a copy of the page counts the images that decoded (naturalWidth > 0) and any script
 * error, and writes them into the DOM, which --dump-dom prints; the browser's console log must have no error.
 */
public class HeadlessBrowserTest {
    static final String PROBE = "<script>window.__errors=[];window.addEventListener('error',e=>window.__errors.push("
            + "String(e.message||e.target&&e.target.src&&'image failed')),true);window.addEventListener('load',()=>{"
            + "const im=[...document.images];const ok=im.filter(i=>i.complete&&i.naturalWidth>0).length;"
            + "const wide=[...document.querySelectorAll('pre')].filter(p=>p.scrollWidth>p.clientWidth+1).length;"
            + "const m=document.createElement('div');m.id='probe';m.textContent='images '+ok+'/'+im.length+"
            + "' errors '+window.__errors.length+' overflowing-pre '+wide+' page-overflow '"
            + "+(document.documentElement.scrollWidth>window.innerWidth?1:0);document.body.appendChild(m);});</script>";

    public static Path chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Runs Chromium on the page with the probe; returns {probe text, console log}. */
    public static String[] open(Path dir, String html) throws Exception {
        Files.createDirectories(dir);
        Path page = dir.resolve("page.html");
        Files.writeString(page, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(chromium().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,900", "--enable-logging=stderr",
                "--v=0", "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        Matcher m = Pattern.compile("<div id=\"probe\">([^<]*)</div>").matcher(dom);
        assertThat(m.find()).as("the probe ran (chromium exit " + p.exitValue() + ")").isTrue();
        return new String[] {m.group(1), Files.readString(dir.resolve("stderr.txt"))};
    }

    public static void assertClean(String[] r, int images) {
        assertThat(r[0]).isEqualTo("images " + images + "/" + images + " errors 0 overflowing-pre 0 page-overflow 0");
        // console messages of the page are logged as 'CONSOLE(...)' or 'Uncaught ...'
        assertThat(r[1].lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught"))).isEmpty();
    }

    @Test
    void theComparisonReportLoadsEveryImageWithoutErrors(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(chromium() != null, "chromium is not installed (Debian: apt-get install chromium)");
        ComparisonView v = ComparisonView.of(List.of(ResultsSet.read(ResultsSetTest.fixture("multi.json")),
                ResultsSet.read(ResultsSetTest.fixture("demo_runs.json"))));
        String html = CompareHtml.render(v);
        int images = html.split("<img ", -1).length - 1;
        assertThat(images).isGreaterThanOrEqualTo(6);
        assertClean(open(dir, html), images);
    }

    @Test
    void theReproduceAndRegressReportsLoadWithoutErrors(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(chromium() != null, "chromium is not installed (Debian: apt-get install chromium)");
        ReproductionView rv = ReproductionView.of(PublishedTable.read(Path.of("baselines/chexgenbench-fidelity.yaml")),
                ResultsSet.read(ResultsSetTest.fixture("multi.json")), java.util.Map.of("faithful", "Sana 0.6B"), null);
        assertClean(open(dir.resolve("a"), ReproduceRender.html(rv)), 0);
        Files.createDirectories(dir.resolve("b"));
        ResultsSet base = ResultsSet.read(ResultsSetTest.fixture("multi.json"));
        Path hist = dir.resolve("b/history.jsonl");
        // the trend draws regress's own verdict lines (a config run's history lines have no "verdict")
        RunHistory.append(hist, java.util.Map.of("verdict", "pass", "metrics", RunHistory.values(base)));
        RunHistory.append(hist, java.util.Map.of("verdict", "pass", "metrics", RunHistory.values(base)));
        String html = RegressReport.render(RegressionCheck.judge(base, base, java.util.Map.of(), null, java.util.Set.of()),
                RunHistory.read(hist), "accepted.json", "results.json");
        int images = html.split("<img ", -1).length - 1;
        assertThat(images).isGreaterThanOrEqualTo(4);
        assertClean(open(dir.resolve("b"), html), images);
    }

    @Test
    void theProbeSeesABrokenImageAndAnOverflowingBlock(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(chromium() != null, "chromium is not installed (Debian: apt-get install chromium)");
        String page = "<!doctype html><html><body><img src=\"data:image/png;base64,AAAA\"><pre style=\"white-space:pre\">"
                + "x".repeat(2000) + "</pre></body></html>";
        assertThat(open(dir, page)[0]).startsWith("images 0/1 errors 1 overflowing-pre 1");
    }
}
