package org.cxrbench.fidelity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One metric's value, its 95% CI when bootstrapped, and details (counts, conventions, diagnostics). */
public record MetricValue(double value, double[] ci95, Map<String, Object> details) {
    public MetricValue {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The contract's JSON form: {"value": v, "ci95": [lo, hi], ...details}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (Double.isNaN(value) && details.containsKey("value")) {
            m.putAll(details); // map-valued metric (per label): details carry "value"
            return m;
        }
        m.put("value", value);
        if (ci95 != null) {
            m.put("ci95", ci95);
        }
        m.putAll(details);
        return m;
    }
}
