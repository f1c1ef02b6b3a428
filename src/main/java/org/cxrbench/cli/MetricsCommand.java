package org.cxrbench.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.cxrbench.common.Metric;
import org.cxrbench.common.Metrics;
import picocli.CommandLine.Command;

/** Lists the metric registry: every key, its family, direction, unit, whether it is computed by default, its card. */
@Command(name = "metrics", header = "List every metric: key, family, direction, unit, default, definition card.",
        mixinStandardHelpOptions = true,
        description = {"Prints the metric registry (the keys --metrics takes and results JSON carries). Keys ending",
                "in '_' stand for one metric per label or structure (f1_cardiomegaly, dice_lungs, ...)."})
public final class MetricsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.printf(Locale.ROOT, "%-22s %-9s %-7s %-8s %-44s %s%n", "key", "family", "better", "default", "unit", "card");
        for (Metric m : Metrics.all()) {
            System.out.printf(Locale.ROOT, "%-22s %-9s %-7s %-8s %-44s %s%n", m.isPattern() ? m.id() + "<name>" : m.id(),
                    m.family().json(), m.direction().json(), m.byDefault() ? "yes" : "opt-in", m.unit(), m.card());
        }
        System.out.flush();
        return Main.OK;
    }
}
