package org.cxrbench.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.cxrbench.common.Provenance;

/**
 * validate's report.html on a hand-made outcome (two flaws, two encoders, two metrics: every kind of verdict cell, a
 * missing one, faded cells, filter shares with a strength missing), for {@link ValidateReportTest}. {@link #main}
 * writes the expected pages (charts' data left out); it was compiled and run against the code before the template
 * (commit 7f6381c), as {@code org.cxrbench.report.ReportPages} says.
 */
final class ValidatePages {
    private ValidatePages() {}

    static final Path EXPECTED = Path.of("src/test/resources/report/expected");

    private static final Pattern DATA_URL = Pattern.compile("data:image/png;base64,[A-Za-z0-9+/=]+");

    static String masked(String html) {
        return DATA_URL.matcher(html).replaceAll("data:image/png;base64,…");
    }

    static ValidateJob.Outcome outcome(boolean filtered) {
        List<Flaw> flaws = List.of(Flaw.BLUR, Flaw.MEMORIZE);
        List<String> encoders = List.of("cxr-cnn", "enc <b> & \"q\"");
        List<String> metrics = List.of("fid", "dcr_p5");
        double[] effect = {0, 0.5, 1, 2, 4};
        List<Analysis.Verdict> verdicts = new ArrayList<>();
        verdicts.add(new Analysis.Verdict(Flaw.BLUR, "cxr-cnn", "fid", "lower", 0.9, true, 2, "detected", effect, true));
        verdicts.add(new Analysis.Verdict(Flaw.BLUR, "cxr-cnn", "dcr_p5", "higher", -0.4, false, 3, "detected", effect, false));
        verdicts.add(new Analysis.Verdict(Flaw.BLUR, encoders.get(1), "fid", "lower", -0.8, false, null, "wrong-direction",
                effect, true));
        verdicts.add(new Analysis.Verdict(Flaw.MEMORIZE, "cxr-cnn", "fid", "lower", 0.1, true, null, "not-detected", effect,
                false));
        verdicts.add(new Analysis.Verdict(Flaw.MEMORIZE, "cxr-cnn", "dcr_p5", "higher", 1.0, true, 1, "detected", effect, true));
        verdicts.add(new Analysis.Verdict(Flaw.MEMORIZE, encoders.get(1), "dcr_p5", "higher", 0.7, false, 4, "detected",
                effect, true));
        List<ValidateJob.Flagged> flagged = new ArrayList<>();
        for (int s = 1; s <= Flaw.STRENGTHS; s++) {
            flagged.add(new ValidateJob.Flagged(Flaw.BLUR, s, 5 * s, 4 * s, s, 50));
        }
        flagged.add(new ValidateJob.Flagged(Flaw.MEMORIZE, 2, 3, 2, 1, 50));
        Provenance p = new Provenance("0.1.0", "unknown", "cxrbench validate --out \"a<b>&c\"", Map.of(), Map.of(), "17", 2,
                Map.of());
        return new ValidateJob.Outcome(List.of(), verdicts, flagged, filtered ? 3 : -1, 50, 60, 0.05, encoders, metrics,
                flaws, p, 12.4, "judge <x>");
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.writeString(out.resolve("validate-filtered.html"), masked(ValidateReport.html(outcome(true))),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("validate-no-judge.html"), masked(ValidateReport.html(outcome(false))),
                StandardCharsets.UTF_8);
    }
}
