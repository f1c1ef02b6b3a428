package org.cxrbench.cli;

import java.util.Iterator;
import org.cxrbench.common.Family;
import org.cxrbench.common.Metrics;

/** --metrics help reads the registry: picocli's ${COMPLETION-CANDIDATES} lists each family's keys. */
final class MetricKeys {
    private MetricKeys() {}

    static final class Fidelity implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Metrics.ids(Family.FIDELITY).iterator();
        }
    }

    static final class Privacy implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Metrics.ids(Family.PRIVACY).iterator();
        }
    }
}
