package org.clipdg.report.figures;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.report.Metrics;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The third study's mechanistic view: linear CKA between domains (domain x domain heatmap per
 * block of the image tower) and the overlap of their top units (bars per domain pair and block),
 * one set per model.
 */
public final class MechanisticSimilarity {
    private static final String CKA = "cka_";
    private static final String OVERLAP = "neuron_overlap_";

    private MechanisticSimilarity() {}

    public static List<Figure> of(List<MetricRow> rows) {
        List<Figure> figures = new ArrayList<>();
        for (String model : Metrics.models(rows)) {
            List<MetricRow> own = rows.stream().filter(r -> r.model().equals(model) && r.testSet().equals("*")).toList();
            Map<String, List<MetricRow>> ckaByBlock = new TreeMap<>();
            own.stream().filter(r -> r.metric().startsWith(CKA))
                    .forEach(r -> ckaByBlock.computeIfAbsent(r.metric().substring(CKA.length()), b -> new ArrayList<>()).add(r));
            ckaByBlock.forEach((block, pairs) -> figures.add(heatmap(model, block, pairs)));
            List<MetricRow> overlaps = own.stream().filter(r -> r.metric().startsWith(OVERLAP)).toList();
            if (!overlaps.isEmpty()) {
                figures.add(overlapBars(model, overlaps));
            }
        }
        return figures;
    }

    private static Figure heatmap(String model, String block, List<MetricRow> pairs) {
        List<String> domains = List.copyOf(pairs.stream().flatMap(r -> List.of(r.domain().split("\\|")).stream())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        int d = domains.size();
        double[] x = new double[d * d];
        double[] y = new double[d * d];
        double[] z = new double[d * d];
        XYPlot plot = new XYPlot();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                int cell = i * d + j;
                x[cell] = i;
                y[cell] = j;
                z[cell] = i == j ? 1.0 : value(pairs, domains.get(i), domains.get(j));
                if (!Double.isNaN(z[cell])) {
                    plot.addAnnotation(new XYTextAnnotation(String.format(Locale.ROOT, "%.2f", z[cell]), i, j));
                }
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("cka", new double[][] {x, y, z});
        // The unbiased estimator goes below 0: red for negative, blue for positive, white at 0.
        LookupPaintScale scale = new LookupPaintScale(-1, 1.0001, Color.LIGHT_GRAY);
        for (int step = -10; step <= 10; step++) {
            float shade = Math.abs(step) / 10f;
            scale.add(step / 10.0 - 0.05, step < 0 ? new Color(1f, 1 - 0.6f * shade, 1 - 0.6f * shade)
                    : new Color(1 - 0.75f * shade, 1 - 0.5f * shade, 1f));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        plot.setDataset(dataset);
        plot.setRenderer(renderer);
        plot.setDomainAxis(new SymbolAxis("domain", domains.toArray(String[]::new)));
        plot.setRangeAxis(new SymbolAxis("domain", domains.toArray(String[]::new)));
        JFreeChart chart = new JFreeChart(model + ", " + block, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis("linear CKA");
        legendAxis.setRange(-1, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        chart.addSubtitle(legend);
        return new Figure("cka-" + model + "-" + block, "CKA between domains: " + model + ", " + block,
                "Linear CKA of the class-mean activations of two domains over the classes both hold (1: the same"
                        + " representation up to rotation and scale); grey: fewer than 4 shared classes.", chart, 460, 400);
    }

    private static double value(List<MetricRow> pairs, String a, String b) {
        return pairs.stream().filter(r -> r.domain().equals(a + "|" + b) || r.domain().equals(b + "|" + a))
                .mapToDouble(MetricRow::value).findFirst().orElse(Double.NaN);
    }

    private static Figure overlapBars(String model, List<MetricRow> overlaps) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        overlaps.forEach(r -> dataset.addValue(r.value(), r.metric().substring(OVERLAP.length()), r.domain()));
        JFreeChart chart = ChartFactory.createBarChart(null, "domain pair", "top-unit overlap (Jaccard)", dataset,
                PlotOrientation.VERTICAL, true, true, false);
        chart.getCategoryPlot().getRangeAxis().setRange(0, 1);
        return new Figure("neuron_overlap-" + model, "Neuron overlap between domains: " + model,
                "Jaccard overlap of the top-10 % most active units of two domains, per block of the image tower.", chart);
    }
}
