package org.cxrbench.report;

import org.cxrbench.common.MetricResult;
import org.cxrbench.common.FilterCounts;
import org.cxrbench.common.UtilitySummary;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A published table beside a user's results: which settings differ, and per published row matched to one of the
 * user's generators, per cell the published value, the user's, their difference and a verdict within the stated
 * tolerance. A different encoder makes feature-space cells not comparable, and so does a column whose definition,
 * task or data differ from cxrbench's key (the table says so): they get no verdict.
 */
public record ReproductionView(PublishedTable table, ResultsSet results, List<SettingCheck> settings,
                               boolean encoderDiffers, boolean encoderUnknown, List<Pair> pairs,
                               List<NamedResult> unmatched) {

    public enum Status { SAME, DIFFERENT, NOT_RECORDED, NOT_PUBLISHED }

    public enum Verdict { REPRODUCED, DIFFERS, NOT_COMPARABLE, NOT_IN_RESULTS }

    public record SettingCheck(String setting, String published, String yours, Status status) {}

    /** @param reason why a NOT_COMPARABLE cell is not compared: encoder, definition, task or data (else null) */
    public record Cell(PublishedTable.Column column, Double published, Double yours, Double allowed, Verdict verdict,
                       String reason) {
        public Double difference() {
            return published == null || yours == null ? null : yours - published;
        }
    }

    public record Pair(PublishedTable.Row row, NamedResult generator, List<Cell> cells) {}

    /** @param matches the user's generator name -> published row (model) name; others matched by name */
    public static ReproductionView of(PublishedTable t, ResultsSet r, Map<String, String> matches, Tolerance override) {
        for (Map.Entry<String, String> m : matches.entrySet()) {
            if (r.generators().stream().noneMatch(g -> g.name().equals(m.getKey()))) {
                throw new IllegalArgumentException("--match: no generator '" + m.getKey() + "' in the results ("
                        + String.join(", ", r.generators().stream().map(NamedResult::name).toList()) + ")");
            }
            if (t.rows().stream().noneMatch(x -> x.model().equals(m.getValue()))) {
                throw new IllegalArgumentException("--match: no row '" + m.getValue() + "' in " + t.source() + " ("
                        + String.join(", ", t.rows().stream().map(PublishedTable.Row::model).toList()) + ")");
            }
        }
        List<SettingCheck> checks = settings(t, r);
        boolean encDiff = checks.stream().anyMatch(c -> c.setting().equals("encoder") && c.status() == Status.DIFFERENT);
        boolean encUnknown = checks.stream().anyMatch(c -> c.setting().equals("encoder") && c.status() == Status.NOT_RECORDED);
        List<Pair> pairs = new ArrayList<>();
        List<NamedResult> unmatched = new ArrayList<>(r.generators());
        for (PublishedTable.Row row : t.rows()) {
            NamedResult g = null;
            for (NamedResult x : r.generators()) {
                String want = matches.get(x.name());
                if (want != null ? want.equals(row.model()) : matches.isEmpty() && (norm(x.name()).equals(norm(row.model()))
                        || t.rows().size() == 1 && r.generators().size() == 1)) {
                    g = x;
                    break;
                }
            }
            unmatched.remove(g);
            List<Cell> cells = new ArrayList<>();
            for (PublishedTable.Column c : t.columns()) {
                Double pub = row.values().get(c.key());
                Double yours = g == null ? null : value(g, c.key());
                Double allowed = pub == null ? null : allowed(override != null ? override : t.tolerance(), pub,
                        row.ci95().get(c.key()));
                Verdict v;
                String reason = null;
                if (c.differsIn() != null) {
                    v = Verdict.NOT_COMPARABLE; // another definition, task or data: never a verdict
                    reason = c.differsIn();
                } else if (c.featureSpace() && encDiff) {
                    v = Verdict.NOT_COMPARABLE;
                    reason = "encoder";
                } else if (yours == null || pub == null) {
                    v = Verdict.NOT_IN_RESULTS;
                } else {
                    v = Math.abs(yours - pub) <= allowed ? Verdict.REPRODUCED : Verdict.DIFFERS;
                }
                cells.add(new Cell(c, pub, yours, allowed, v, reason));
            }
            pairs.add(new Pair(row, g, cells));
        }
        return new ReproductionView(t, r, checks, encDiff, encUnknown, pairs, unmatched);
    }

    /**
     * The largest difference still counted as reproduced: the table's tolerance (absolute, relative to the
     * published value, or the published CI's half-width on that side) or half a unit of the published value's
     * last printed digit, whichever is wider (a rounded number cannot be matched more closely).
     */
    static double allowed(Tolerance t, double pub, double[] ci) {
        double rounding = 0.5 * Math.pow(10, -Math.max(0, BigDecimal.valueOf(pub).stripTrailingZeros().scale()));
        double tol = switch (t.kind()) {
            case ABSOLUTE -> t.amount();
            case RELATIVE -> t.amount() * Math.abs(pub);
            case CI -> ci == null ? Tolerance.DEFAULT_WITHOUT_CI.amount() * Math.abs(pub)
                    : Math.max(pub - ci[0], ci[1] - pub);
        };
        return Math.max(tol, rounding);
    }

    /** The user's value for a table column key (see baselines/README.md for the key forms). */
    static Double value(NamedResult g, String key) {
        if (key.startsWith("filter/")) {
            FilterCounts f = g.filter();
            if (f == null) {
                return null;
            }
            String k = key.substring("filter/".length());
            Long n = k.equals("kept") ? f.kept() : k.equals("removed") ? f.removed() : f.perVerdict().get(k);
            return n == null ? null : n.doubleValue();
        }
        if (key.startsWith("utility/best_mean_diff/")) {
            String prefix = key.substring("utility/best_mean_diff/".length());
            if (g.utility() == null) {
                return null;
            }
            return g.utility().comparisons().stream().filter(c -> c.metric() != null && c.metric().startsWith(prefix)
                    && c.meanDiff() != null).map(org.cxrbench.common.ComparisonRow::meanDiff).max(Double::compare).orElse(null);
        }
        int slash = key.indexOf('/');
        if (slash > 0) {
            MetricResult e = g.metric(key.substring(0, slash));
            String label = norm(key.substring(slash + 1));
            if (e == null) {
                return null;
            }
            return e.perLabel().entrySet().stream().filter(x -> norm(x.getKey()).equals(label))
                    .map(x -> x.getValue().value()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        MetricResult e = g.metric(key);
        return e == null || !e.hasValue() ? null : e.value();
    }

    static List<SettingCheck> settings(PublishedTable t, ResultsSet r) {
        List<SettingCheck> out = new ArrayList<>();
        JsonNode s = r.provenance() == null ? null : r.provenance().path("settings");
        for (Map.Entry<String, String> e : t.settings().entrySet()) {
            String yours;
            if (e.getKey().equals("encoder")) {
                yours = r.encoder();
            } else if (e.getKey().equals("n")) {
                yours = r.generators().stream().flatMap(g -> g.metrics().values().stream())
                        .filter(m -> m.nSynthetic() != null).map(m -> String.valueOf(m.nSynthetic())).findFirst()
                        .orElse(null);
            } else if (e.getKey().equals("judge") && (s == null || s.get("judge") == null)) {
                yours = filterJudge(r); // a config run records its filter's judge per generator (filter.judge)
            } else {
                JsonNode v = s == null ? null : s.get(e.getKey());
                yours = v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
            }
            Status st = e.getValue().toLowerCase(Locale.ROOT).startsWith("not stated") ? Status.NOT_PUBLISHED
                    : yours == null ? Status.NOT_RECORDED
                    : norm(yours).equals(norm(e.getValue())) || (e.getKey().equals("encoder")
                            && norm(yours).contains(norm(e.getValue()))) ? Status.SAME : Status.DIFFERENT;
            out.add(new SettingCheck(e.getKey(), e.getValue(), yours, st));
        }
        return out;
    }

    /** The quality filter's judge a results file records (generators.*.filter.judge.name, or filter.judge), or null. */
    static String filterJudge(ResultsSet r) {
        if (r.source() == null || !java.nio.file.Files.isRegularFile(r.source())) {
            return null;
        }
        try {
            JsonNode root = org.cxrbench.common.Json.MAPPER.readTree(r.source().toFile());
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            root.path("generators").forEach(g -> {
                JsonNode j = g.path("filter").path("judge");
                String n = j.isObject() ? j.path("name").asText("") : j.asText("");
                if (!n.isEmpty()) {
                    names.add(n);
                }
            });
            String top = root.path("filter").path("judge").path("name").asText("");
            if (!top.isEmpty()) {
                names.add(top);
            }
            return names.isEmpty() ? null : String.join(", ", names);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
