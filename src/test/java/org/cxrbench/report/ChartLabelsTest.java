package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.junit.jupiter.api.Test;

/**
 * Every category of a bar chart is named on its axis: XChart skips labels closer than its tick spacing hint (every
 * other generator of the demo's eight plus the floor, before). The labels XChart drew are read back from its axis
 * after painting (its internals, by reflection).
 */
class ChartLabelsTest {
    static final List<String> DEMO = List.of("faithful", "blurry(1.5)", "noisy(0.12)", "low-contrast(0.4)",
            "mode-collapse(3)", "memorizer(0.3)", "label-ignorant", "off-topic(0.2)", "real vs real (noise floor)");

    static List<String> drawnLabels(CategoryChart c) throws Exception {
        VectorGraphicsEncoder.saveVectorGraphic(c, new java.io.ByteArrayOutputStream(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        Method getX = null;
        for (Class<?> k = c.getClass(); getX == null && k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.getName().equals("getXAxis")) {
                    getX = m;
                }
            }
        }
        getX.setAccessible(true);
        Object axis = getX.invoke(c);
        Method calc = Class.forName("org.knowm.xchart.internal.chartpart.Axis_").getDeclaredMethod("getAxisTickCalculator");
        calc.setAccessible(true);
        Object tc = calc.invoke(axis);
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) Class.forName("org.knowm.xchart.internal.chartpart.AxisTickCalculator")
                .getMethod("getTickLabels").invoke(tc);
        return labels;
    }

    static CategoryChart bars(List<String> names, boolean fix) {
        CategoryChart c = new CategoryChartBuilder().width(680).height(440).build();
        ChartEncoding.style(c);
        if (fix) {
            ChartEncoding.categoryLabels(c, names, 600);
        } else {
            c.getStyler().setXAxisLabelRotation(ChartEncoding.labelRotation(names, 600));
        }
        c.addSeries("g", names, java.util.Collections.nCopies(names.size(), 1.0));
        return c;
    }

    @Test
    void xchartAloneDropsEveryOtherGeneratorAndCategoryLabelsKeepsThemAll() throws Exception {
        assertThat(drawnLabels(bars(DEMO, false))).hasSizeLessThan(DEMO.size());
        assertThat(drawnLabels(bars(DEMO, true))).containsExactlyElementsOf(DEMO);
        List<String> twenty = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "generator-" + i).toList();
        assertThat(drawnLabels(bars(twenty, true))).containsExactlyElementsOf(twenty);
    }
}
