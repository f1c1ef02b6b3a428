package org.cxrbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** XChart set-up shared by every chart: headless AWT, one style, SVG output as a base64 data URL. */
final class ChartEncoding {
    private ChartEncoding() {}

    static {
        // charts are drawn off-screen: never touch a display (must be set before AWT loads)
        System.setProperty("java.awt.headless", "true");
    }

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    static void style(Chart<?, ?> chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(new Color(0xdddddd));
        s.setSeriesColors(PALETTE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setAntiAlias(true);
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setPlotGridLinesColor(new Color(0xe6e6e6));
            a.setPlotGridLinesStroke(new BasicStroke(1f));
            a.setPlotBorderColor(new Color(0xbbbbbb));
        }
    }

    /**
     * Category labels stay horizontal when they fit side by side (about 7 px a character), else stand upright:
     * XChart drops labels that would overlap, and at 90 degrees each needs only a line's height.
     */
    static int labelRotation(java.util.List<String> labels, int width) {
        int chars = labels.stream().mapToInt(String::length).sum() + 4 * labels.size();
        return chars * 7 > width * 0.75 ? 90 : 0;
    }

    /**
     * Names every category of a bar chart: horizontal labels when they fit, else upright ones, and XChart's tick
     * spacing hint (74 px by default) lowered so that it does not skip every other label when the categories are
     * closer than that; upright labels need only a line's height each.
     */
    static void categoryLabels(org.knowm.xchart.CategoryChart c, java.util.List<String> labels, int width) {
        c.getStyler().setXAxisLabelRotation(labelRotation(labels, width));
        c.getStyler().setXAxisTickMarkSpacingHint(1);
    }

    /** The chart as an SVG data URL. */
    static String svgDataUrl(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + chart.getTitle() + "'", e);
        }
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
