package org.cxrbench.report;

import org.cxrbench.common.MetricResult;
import org.cxrbench.common.FilterCounts;
import org.cxrbench.common.UtilitySummary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Renders the side-by-side comparison as one self-contained HTML page (charts embedded); computes nothing. */
public final class CompareHtml {
    private CompareHtml() {}

    public static String render(ComparisonView v) {
        return render(v, "", "");
    }

    /**
     * The page with sections a caller rendered (e.g. a run's image sections): {@code afterCharts} right after the
     * charts, {@code beforeAllMetrics} after the utility and filter sections.
     */
    public static String render(ComparisonView v, String afterCharts, String beforeAllMetrics) {
        List<ComparisonView.Row> gens = v.rows().stream().filter(r -> r.kind() == ComparisonView.Kind.GENERATOR).toList();
        StringBuilder open = new StringBuilder();
        Html.open(open, "cxrbench comparison: " + gens.size() + " generator" + (gens.size() == 1 ? "" : "s"));
        List<Figure> figs = new ArrayList<>();
        figs.add(ComparisonCharts.fidelityPrivacy(v));
        figs.add(ComparisonCharts.intervals(v, "fid"));
        figs.add(ComparisonCharts.intervals(v, "kid"));
        figs.add(ComparisonCharts.scatter(v, "recall", "precision"));
        figs.add(ComparisonCharts.scatter(v, "coverage", "density"));
        figs.add(ComparisonCharts.dcrHistograms(v));
        figs.add(DetailCharts.dcrTrainVsHoldout(v));
        Set<String> cards = new LinkedHashSet<>();
        for (String k : v.columns()) {
            if (MetricInfo.card(k) != null) {
                cards.add(MetricInfo.card(k));
            }
        }
        if (PerLabelTable.hasAny(v)) {
            cards.add("per_label.md");
        }
        StringBuilder provenance = new StringBuilder();
        for (ResultsSet s : v.sources()) {
            Html.provenance(provenance, "provenance of " + s.source().getFileName(), s.provenance());
        }
        List<ComparisonView.Row> floorRows = v.rows().stream().filter(r -> r.kind() == ComparisonView.Kind.FLOOR).toList();
        List<Floor> floors = floorRows.stream() // each floor named only when there are several
                .map(r -> new Floor(floorRows.size() > 1 ? r.name() : null, r.floorMethod())).toList();
        Set<String> encoders = new LinkedHashSet<>();
        v.sources().forEach(s -> encoders.add(s.encoder() == null ? "(not recorded)" : s.encoder()));
        Set<String> shown = new LinkedHashSet<>();
        v.sources().forEach(s -> shown.add(s.encoder() == null ? "not recorded" : s.encoder()));
        Page page = new Page(open.toString(), v.sources().stream().map(CompareHtml::source).toList(),
                encoders.size() > 1 ? String.join("; ", encoders) : null, v.hasPrivacy(), listed(shown),
                table(v, v.headline(), true), floors, !floors.isEmpty(), html(b -> Html.figures(b, figs)), afterCharts,
                html(b -> PerLabelTable.render(b, v)), utility(gens), filter(gens), beforeAllMetrics, v.columns().size(),
                table(v, v.columns(), false), html(b -> MetricCards.section(b, cards)), provenance.toString());
        return Templates.render("compare", page);
    }

    /** The page's model: display text (escaped by the template) and HTML made by other renderers ({@code {{{ }}}}). */
    record Page(String open, List<Source> sources, String mixedEncoders, boolean hasPrivacy, List<Listed> encoders,
            Table headline, List<Floor> floors, boolean hasFloors, String figures, String afterCharts, String perLabel,
            String utility, String filter, String beforeAllMetrics, int columnCount, Table allMetrics, String cards,
            String provenance) {}

    record Source(String path, int generators, String encoder, List<String> notes) {}

    record Listed(String name, boolean first) {}

    record Floor(String label, String method) {}

    record Table(boolean grouped, boolean noPrivacy, List<Family> families, List<String> headers, List<Row> rows, int width) {}

    record Family(String name, int span) {}

    record Row(boolean floorRow, String warning, boolean warningRow, String name, String n, List<Cell> cells) {}

    /** One metric cell; {@code missing} when the generator has no value for the column. */
    record Cell(boolean missing, String cls, String title, boolean best, String value, boolean unfiltered, String spread,
            boolean within, boolean beyond, boolean notComparable, String warnings) {}

    private static String html(java.util.function.Consumer<StringBuilder> part) {
        StringBuilder b = new StringBuilder();
        part.accept(b);
        return b.toString();
    }

    private static List<Listed> listed(Set<String> names) {
        List<Listed> out = new ArrayList<>();
        names.forEach(n -> out.add(new Listed(n, out.isEmpty())));
        return out;
    }

    private static Source source(ResultsSet s) {
        return new Source(s.source().toString(), s.generators().size(), s.encoder() == null ? "encoder not recorded" : s.encoder(),
                s.notes());
    }

    /** The entry a row's sample sizes are read from: its FID cell's, else the first cell that has counts; or null. */
    static MetricResult sizes(ComparisonView.Row r) {
        ComparisonView.Cell c = r.cell("fid");
        return c != null && c.entry().nReal() != null ? c.entry() : r.cells().values().stream()
                .map(ComparisonView.Cell::entry).filter(x -> x.nReal() != null || x.nSynthetic() != null)
                .findFirst().orElse(null);
    }

    static String nText(ComparisonView.Row r) {
        MetricResult e = sizes(r);
        String n = e == null ? null : (e.nReal() == null ? "?" : e.nReal()) + " / " + (e.nSynthetic() == null ? "?" : e.nSynthetic());
        if (r.filteredOut()) {
            // nothing left to measure: say why here, not only in the filter section, and whose values the row shows
            FilterCounts f = r.generator().filter();
            return "all " + (f.removed() + " ") + "removed by the quality filter"
                    + (n == null ? "" : "; values before it: " + n);
        }
        return n == null ? "–" : n;
    }

    private static Table table(ComparisonView v, List<String> cols, boolean grouped) {
        boolean noPrivacy = grouped && !v.hasPrivacy();
        List<Family> families = new ArrayList<>();
        for (String k : grouped ? cols : List.<String>of()) {
            String f = MetricInfo.family(k);
            if (families.isEmpty() || !families.get(families.size() - 1).name().equals(f)) {
                families.add(new Family(f, 0));
            }
            Family last = families.remove(families.size() - 1);
            families.add(new Family(f, last.span() + 1));
        }
        List<Row> rows = new ArrayList<>();
        for (ComparisonView.Row r : v.rows()) {
            rows.add(new Row(r.kind() == ComparisonView.Kind.FLOOR, r.privacyWarning(), grouped && r.privacyWarning() != null,
                    r.name(), nText(r), cols.stream().map(k -> cell(r.cell(k))).toList()));
        }
        return new Table(grouped, noPrivacy, families, cols.stream().map(k -> Html.metricHeader(k, direction(v, k))).toList(),
                rows, cols.size() + 2 + (noPrivacy ? 1 : 0));
    }

    private static String direction(ComparisonView v, String key) {
        for (ComparisonView.Row r : v.rows()) {
            if (r.cell(key) != null && MetricInfo.direction(r.cell(key).entry().id()) != null) {
                return MetricInfo.direction(r.cell(key).entry().id());
            }
        }
        return MetricInfo.direction(key);
    }

    private static Cell cell(ComparisonView.Cell c) {
        if (c == null) {
            return new Cell(true, null, null, false, null, false, null, false, false, false, null);
        }
        MetricResult e = c.entry();
        String title = c.unfiltered() ? "before the quality filter (it removed every image of this generator)"
                : c.floorEntry() != null ? "noise floor: " + Format.withSpread(c.floorEntry()) + atFloorN(c) : null;
        String spread = e.ci95() != null || e.std() != null
                ? Format.withSpread(e).substring(Format.number(e.value()).length()).strip() : null;
        return new Cell(false, c.best() ? "best" : c.unfiltered() ? "unfiltered" : null, title, c.best(),
                Format.number(e.value()), c.unfiltered(), spread, c.floor() == ComparisonView.FloorMark.WITHIN,
                c.floor() == ComparisonView.FloorMark.BEYOND, c.floor() == ComparisonView.FloorMark.NOT_COMPARABLE,
                e.warnings().isEmpty() ? null : String.join("; ", e.warnings()));
    }

    /** How a generator larger than the floor was compared with it: its value at the floor's N. */
    private static String atFloorN(ComparisonView.Cell c) {
        MetricResult a = c.atFloorN();
        return a == null ? "" : "; compared at the floor's N" + (a.nSynthetic() == null ? "" : " (" + a.nSynthetic() + ")")
                + ", where this generator has " + Format.withSpread(a);
    }

    record UtilitySection(List<UtilityGenerator> generators) {}

    record UtilityGenerator(String name, List<UtilityTest> comparisons, String correction, String familySize, String figures) {}

    record UtilityTest(String condition, String metric, String meanDiff, String ci, String p, String pAdjusted,
            String significant) {}

    private static String utility(List<ComparisonView.Row> gens) {
        List<NamedResult> with = gens.stream().map(ComparisonView.Row::generator)
                .filter(g -> g.utility() != null && !g.utility().comparisons().isEmpty()).toList();
        if (with.isEmpty()) {
            return "";
        }
        List<UtilityGenerator> out = new ArrayList<>();
        for (NamedResult g : with) {
            UtilitySummary u = g.utility();
            List<UtilityTest> tests = u.comparisons().stream().map(c -> new UtilityTest(c.condition(), c.metric(),
                    Format.signed(c.meanDiff()), c.ci95() == null ? "–" : "[" + Format.number(c.ci95()[0]) + ", "
                    + Format.number(c.ci95()[1]) + "]", Format.number(c.p()), Format.number(c.pAdjusted()),
                    c.significant() == null ? "–" : c.significant() ? "yes *" : "no")).toList();
            String figures = html(b -> Html.figures(b, java.util.Collections.singletonList(DetailCharts.utility(g))));
            out.add(new UtilityGenerator(g.name(), tests, u.correction() == null ? "not stated" : u.correction(),
                    u.familySize() == null ? null : String.valueOf(u.familySize()), figures));
        }
        return Templates.render("utility", new UtilitySection(out));
    }

    private static String filter(List<ComparisonView.Row> gens) {
        List<NamedResult> with = gens.stream().map(ComparisonView.Row::generator).filter(g -> g.filter() != null)
                .toList();
        if (with.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>What the quality filter removed</h2>\n");
        FilterTable.render(b, with);
        Html.figures(b, java.util.Arrays.asList(DetailCharts.filter(with), DetailCharts.filterByLabel(with)));
        FilterTable.beforeAfter(b, with);
        return b.toString();
    }
}
