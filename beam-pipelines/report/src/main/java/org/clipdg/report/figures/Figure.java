package org.clipdg.report.figures;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.ui.Drawable;

/**
 * One figure of the report: a chart, or any drawing (an image grid), written as {@code <name>.png}
 * and {@code <name>.svg} and shown inline.
 *
 * @param caption what the figure shows and how to read it, in a sentence or two
 */
public record Figure(String name, String title, String caption, Drawable drawing, int width, int height) {
    public Figure {
        if (drawing instanceof JFreeChart chart) {
            ChartStyle.apply(chart);
        }
    }

    public Figure(String name, String title, String caption, JFreeChart chart) {
        this(name, title, caption, chart, 760, 420);
    }

    /** The drawing as a chart (every figure but the image grids). */
    public JFreeChart chart() {
        return (JFreeChart) drawing;
    }
}
