package org.cxrbench.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.privacy.PrivacyJob;
import org.cxrbench.report.ClosestPairs;
import org.cxrbench.report.ConsoleReport;

/**
 * The renderings of {@code ./cxrbench privacy}: the per-sample CSV, the contact sheet of the closest pairs (each with
 * the run's provenance as a sidecar) and the results table on the results stream. The privacy family measures; this
 * draws what it measured.
 */
public final class PrivacyOutputs {
    private PrivacyOutputs() {}

    public static void write(PrivacyJob.Outcome o, Path perSample, Path contactSheet, RunContext ctx) {
        PrintStream log = ctx.log();
        Provenance provenance = o.evaluation().provenance();
        if (perSample != null) {
            ClosestPairs.writePerSample(perSample, o.result(), o.reid() == null ? null : o.reid().probabilities(),
                    o.train(), o.synthetic());
            Json.writeSidecar(perSample, provenance);
            log.println("wrote " + perSample);
        }
        if (contactSheet != null) {
            if (o.train() == null || o.synthetic() == null) {
                log.println("note: no contact sheet (it needs image inputs, not feature files)");
            } else {
                ClosestPairs.write(contactSheet, ClosestPairs.closest(o.result(), o.train(), o.synthetic(), 8), 96);
                Json.writeSidecar(contactSheet, provenance);
                log.println("wrote " + contactSheet + " (pairs listed in " + contactSheet.getFileName() + ".csv)");
            }
        }
        ConsoleReport.print(o.evaluation(), ctx.out());
        if (o.reid() != null && o.reid().description().validationAuc() != null) {
            ctx.out().printf(Locale.ROOT, "  re-id verifier AUC on unseen patients: %.3f%n",
                    o.reid().description().validationAuc());
        }
    }
}
