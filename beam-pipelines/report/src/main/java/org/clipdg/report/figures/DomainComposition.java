package org.clipdg.report.figures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clipdg.core.CompositionColumns;
import org.clipdg.report.Table;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Each dataset's domain composition (composition.tsv of the domain step) under the default and
 * strict thresholds, and the pool's under the strict thresholds adjusted to its prevalence: stacked
 * bars, and the papers' Table 2 layout.
 */
public final class DomainComposition {

    private DomainComposition() {}

    public static Figure figure(List<Map<String, String>> composition) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Map<String, String> row : composition) {
            String category = row.get(CompositionColumns.DATASET) + " (" + row.get(CompositionColumns.THRESHOLDS) + ")";
            for (String label : CompositionColumns.LABELS) {
                dataset.addValue(Double.parseDouble(row.get(CompositionColumns.percent(label))), label, category);
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(null, "dataset (thresholds)", "% of images", dataset,
                PlotOrientation.HORIZONTAL, true, true, false);
        chart.getCategoryPlot().getRangeAxis().setRange(0, 100);
        return new Figure("domain_composition", "Domain composition per dataset",
                "Share of each dataset's images the domain classifier labels natural, ambiguous or rendition, under the"
                        + " default (argmax) and the strict (target-precision) thresholds, the pool's also under the strict"
                        + " thresholds adjusted to its estimated domain prevalence (strict_pool), and by ground truth where the"
                        + " images' domains are known.", chart, 900,
                Math.max(300, 60 + 22 * composition.size()));
    }

    public static Table table(List<Map<String, String>> composition) {
        Map<String, Map<String, Map<String, String>>> byDataset = new LinkedHashMap<>();
        composition.forEach(row -> byDataset.computeIfAbsent(row.get(CompositionColumns.DATASET), d -> new LinkedHashMap<>())
                .put(row.get(CompositionColumns.THRESHOLDS), row));
        List<String> thresholdSets = composition.stream().map(row -> row.get(CompositionColumns.THRESHOLDS)).distinct().toList();
        List<String> header = new ArrayList<>(List.of("dataset", "role", "samples"));
        for (String thresholds : thresholdSets) {
            CompositionColumns.LABELS.forEach(label -> header.add(label + " % (" + thresholds + ")"));
            CompositionColumns.DECIDED_LABELS.forEach(label -> header.add("precision " + label + " (" + thresholds + ")"));
        }
        List<List<String>> rows = new ArrayList<>();
        byDataset.forEach((dataset, byThresholds) -> {
            Map<String, String> any = byThresholds.values().iterator().next();
            List<String> line = new ArrayList<>(List.of(dataset, any.get(CompositionColumns.ROLE),
                    any.get(CompositionColumns.SAMPLES)));
            for (String thresholds : thresholdSets) {
                Map<String, String> row = byThresholds.getOrDefault(thresholds, Map.of());
                CompositionColumns.LABELS.forEach(label -> line.add(row.getOrDefault(CompositionColumns.percent(label), "")));
                CompositionColumns.DECIDED_LABELS.forEach(label ->
                        line.add(row.getOrDefault(CompositionColumns.testPrecision(label), "")));
            }
            rows.add(line);
        });
        return new Table("table2_domain_composition", "Table 2: domain composition",
                "Per dataset, % natural / ambiguous / rendition under each threshold set (default: argmax; strict: the"
                        + " target precision; strict_pool, the pool's only: the target precision at its estimated domain"
                        + " prevalence), with the classifier's precision on its held-out test split (for strict_pool, weighted"
                        + " to the pool's prevalence).", header, rows);
    }
}
