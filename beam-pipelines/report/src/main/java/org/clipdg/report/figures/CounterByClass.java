package org.clipdg.report.figures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.report.Metrics;
import org.clipdg.report.TestSetDomain;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The spurious-background study's figure: top-1 per class on common and on counter backgrounds,
 * with the test set's drop in the title; per model and per natural test set (every test set with
 * both groups when none is known to be natural).
 */
public final class CounterByClass {
    private CounterByClass() {}

    public static List<Figure> of(List<MetricRow> rows, Map<String, TestSetDomain> testSetDomains) {
        Map<String, Map<String, List<MetricRow>>> byModelAndTestSet = new LinkedHashMap<>();
        rows.stream().filter(r -> !r.className().isEmpty() && r.metric().equals("top1"))
                .forEach(r -> byModelAndTestSet.computeIfAbsent(r.model(), m -> new LinkedHashMap<>())
                        .computeIfAbsent(r.testSet(), t -> new ArrayList<>()).add(r));
        boolean anyNatural = byModelAndTestSet.values().stream().flatMap(m -> m.keySet().stream())
                .anyMatch(t -> isNatural(testSetDomains, t));
        List<Figure> figures = new ArrayList<>();
        for (String model : Metrics.models(rows)) {
            byModelAndTestSet.getOrDefault(model, Map.of()).forEach((testSet, classRows) -> {
                if (anyNatural && !isNatural(testSetDomains, testSet)) {
                    return;
                }
                DefaultCategoryDataset dataset = new DefaultCategoryDataset();
                classRows.forEach(r -> dataset.addValue(r.value(), r.group(), r.className() + " (n=" + r.n() + ")"));
                String drop = rows.stream().filter(r -> r.model().equals(model) && r.testSet().equals(testSet)
                        && r.metric().equals("top1_drop") && r.domain().isEmpty()).findFirst()
                        .map(r -> String.format(Locale.ROOT, "drop %.1f points (95%% CI %.1f to %.1f)", 100 * r.value(),
                                100 * r.ciLow(), 100 * r.ciHigh())).orElse("");
                JFreeChart chart = ChartFactory.createBarChart(model + ", " + testSet + (drop.isEmpty() ? "" : ": " + drop),
                        "class (images)", "top-1 accuracy", dataset, PlotOrientation.VERTICAL, true, true, false);
                chart.getCategoryPlot().getRangeAxis().setRange(0, 1);
                figures.add(new Figure("counter_by_class-" + model + "-" + testSet, "Common vs counter backgrounds: " + model
                        + " on " + testSet, "Top-1 per class on images with the class's common background and with a"
                        + " counter (unusual) one; the title gives the test set's drop, common minus counter, with its"
                        + " bootstrap interval.", chart));
            });
        }
        return figures;
    }

    private static boolean isNatural(Map<String, TestSetDomain> testSetDomains, String testSet) {
        return testSetDomains.containsKey(testSet) && testSetDomains.get(testSet).label().equals(DomainLabels.NATURAL);
    }
}
