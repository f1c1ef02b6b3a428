package org.cxrbench.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A family's metric functions, each bound to one declaration of the registry ({@link Metrics}): one function per
 * declared id of the family, no more, no less. Building the table fails (at class initialisation of the family's
 * metrics class, so before any work and in every test) when a declared id has no function, when an id is bound
 * twice, or when a function names an id that is not declared in the family. Computing: the union of the requested
 * metrics' {@link Metric#needs()} tells the family's context what to compute once; then every requested metric's
 * function runs on that context, in declaration order.
 *
 * @param <C> the family's context type
 */
public final class MetricFunctions<C> {
    private final Family family;
    private final Map<String, MetricFunction<C>> byId;

    private MetricFunctions(Family family, Map<String, MetricFunction<C>> byId) {
        this.family = family;
        this.byId = byId;
    }

    public static <C> Builder<C> builder(Family family) {
        return new Builder<>(family);
    }

    /** Collects the bindings of one family; {@link #build()} checks them against the registry. */
    public static final class Builder<C> {
        private final Family family;
        private final Map<String, MetricFunction<C>> byId = new LinkedHashMap<>();

        private Builder(Family family) {
            this.family = family;
        }

        public Builder<C> bind(String id, MetricFunction<C> function) {
            Metric m = Metrics.find(id);
            if (m == null || !m.id().equals(id) || m.family() != family) {
                throw new IllegalStateException("metric function bound to '" + id + "', which is not a declared "
                        + family.json() + " metric");
            }
            if (byId.put(id, function) != null) {
                throw new IllegalStateException(family.json() + " metric '" + id + "' has two functions");
            }
            return this;
        }

        public MetricFunctions<C> build() {
            List<String> unbound = new ArrayList<>();
            for (Metric m : Metrics.of(family)) {
                if (!byId.containsKey(m.id())) {
                    unbound.add(m.id());
                }
            }
            if (!unbound.isEmpty()) {
                throw new IllegalStateException(family.json() + " metric(s) declared without a function: "
                        + String.join(", ", unbound));
            }
            Map<String, MetricFunction<C>> ordered = new LinkedHashMap<>();
            for (Metric m : Metrics.of(family)) {
                ordered.put(m.id(), byId.get(m.id()));
            }
            return new MetricFunctions<>(family, java.util.Collections.unmodifiableMap(ordered));
        }
    }

    public Family family() {
        return family;
    }

    /** The bound ids, in declaration order (every declared id of the family). */
    public Set<String> ids() {
        return byId.keySet();
    }

    public MetricFunction<C> function(String id) {
        MetricFunction<C> f = byId.get(id);
        if (f == null) {
            throw new IllegalArgumentException("no " + family.json() + " metric '" + id + "'");
        }
        return f;
    }

    /** The union of the statistics the given metrics need (what the family's context computes once). */
    public Set<String> needs(Collection<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            function(id);
            out.addAll(Metrics.get(id).needs());
        }
        return out;
    }

    /**
     * Runs the requested metrics' functions on one context, in declaration order; a function that returns null
     * (an input it needs is absent) leaves its id out and adds it to {@code unavailable} when that is not null.
     */
    public Map<String, MetricResult> compute(Collection<String> ids, C context, List<String> unavailable) {
        ids.forEach(this::function);
        Map<String, MetricResult> out = new LinkedHashMap<>();
        for (Map.Entry<String, MetricFunction<C>> e : byId.entrySet()) {
            if (!ids.contains(e.getKey())) {
                continue;
            }
            MetricResult r = e.getValue().compute(context);
            if (r == null) {
                if (unavailable != null) {
                    unavailable.add(e.getKey());
                }
            } else {
                out.put(e.getKey(), r);
            }
        }
        return out;
    }
}
