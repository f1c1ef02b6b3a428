package org.cxrbench.validate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The validate report's charts (XChart, PNG data URLs): response curves per flaw and encoder, each metric's
 * difference from the floor in units of the floor's 95% half-width, signed so that up is worse, with the floor band
 * (-1..1) drawn; and the filter's flagged share per flaw against strength with the configured false-rejection rate.
 */
final class ValidateCharts {
    private ValidateCharts() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79)};

    static final double[] STRENGTHS = {0, 1, 2, 3, 4};

    private static XYChart chart(String title, String yTitle, int w, int h) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle("strength").yAxisTitle(yTitle).build();
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        c.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setXAxisDecimalPattern("0");
        return c;
    }

    /** One flaw, one encoder: every metric's signed distance from the floor in floor half-widths. */
    static String response(Flaw f, String encoder, List<String> metrics, List<Analysis.Row> rows) {
        XYChart c = chart(f.key + " - " + encoder, "worse ->  (floor half-widths)", 430, 260);
        double lo = -1;
        double hi = 1;
        for (String m : metrics) {
            List<Analysis.Row> curve = rows.stream().filter(r -> r.flaw() == f && r.encoder().equals(encoder)
                    && r.metric().equals(m)).sorted(java.util.Comparator.comparingInt(Analysis.Row::strength)).toList();
            if (curve.size() != STRENGTHS.length) {
                continue;
            }
            int sign = Analysis.badSign(m);
            double[] y = new double[curve.size()];
            for (int i = 0; i < y.length; i++) {
                Analysis.Row r = curve.get(i);
                double half = Math.max(1e-12, (r.floorCi95()[1] - r.floorCi95()[0]) / 2);
                y[i] = Math.max(-50, Math.min(50, sign * r.difference() / half));
                lo = Math.min(lo, y[i]);
                hi = Math.max(hi, y[i]);
            }
            c.addSeries(m, STRENGTHS, y).setMarker(SeriesMarkers.CIRCLE);
        }
        band(c, new double[] {1, 1}, "floor band");
        band(c, new double[] {-1, -1}, " ");
        c.getStyler().setYAxisMin(Math.floor(lo) - 0.5);
        c.getStyler().setYAxisMax(Math.ceil(hi) + 0.5);
        return png(c);
    }

    private static void band(XYChart c, double[] y, String name) {
        XYSeries s = c.addSeries(name, new double[] {0, 4}, y);
        s.setLineColor(new Color(0x999999));
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(!name.isBlank());
    }

    /** The filter's share judged low or not relevant, per flaw against strength, and the target false rejection. */
    static String filter(ValidateJob.Outcome o) {
        XYChart c = chart("quality filter: share removed (low or not relevant)", "share removed", 760, 360);
        for (Flaw f : o.flaws()) {
            double[] y = new double[STRENGTHS.length];
            for (ValidateJob.Flagged x : o.flagged()) {
                if (x.flaw() == f) {
                    y[x.strength()] = (double) x.flagged() / x.n();
                }
            }
            c.addSeries(f.key, STRENGTHS, y).setMarker(SeriesMarkers.CIRCLE);
        }
        XYSeries t = c.addSeries("target false rejection", new double[] {0, 4},
                new double[] {o.falseRejectionTarget(), o.falseRejectionTarget()});
        t.setLineColor(Color.BLACK);
        t.setMarker(SeriesMarkers.NONE);
        t.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        return png(c);
    }

    static String png(XYChart c) {
        try {
            byte[] b = BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
