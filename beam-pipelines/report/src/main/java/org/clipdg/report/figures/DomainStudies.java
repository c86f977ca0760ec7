package org.clipdg.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.report.Metrics;
import org.clipdg.report.TestSetDomain;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The second and third studies' figures, from the models of the domain splits: top-1 against the
 * rendition:natural ratio and against the number of added renditions (one line per test set, its
 * domain label in the name), and the DG/CG domain-mixture results per test domain.
 */
public final class DomainStudies {
    private static final Pattern MIXTURE = Pattern.compile("mix-(\\d+)_(\\d+)-\\d+");
    private static final Pattern ADDED = Pattern.compile("add_renditions-(\\d+)");
    private static final Pattern DOMAIN_MIXTURE = Pattern.compile("dm-(.+)-(natural_only|cg_low|cg_high|leave_out)");

    private DomainStudies() {}

    /**
     * @param testSetDomains each test set's domain (the samplesheet's domain column), to label lines
     *     natural or rendition and to find the test sets of a mixture's domain
     */
    public static List<Figure> of(List<MetricRow> rows, Map<String, TestSetDomain> testSetDomains) {
        List<Figure> figures = new ArrayList<>();
        Map<String, Map<String, MetricRow>> top1 = Metrics.overall(rows, "top1");
        lines(top1, testSetDomains, MIXTURE, m -> (double) Integer.parseInt(m.group(1))
                / (Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))), "rendition share of the training mixture")
                .map(chart -> new Figure("accuracy_vs_mixing_ratio", "Accuracy vs rendition:natural ratio", "Top-1 of the"
                        + " models trained on mixtures of a fixed total at each rendition:natural ratio, per test set.", chart))
                .ifPresent(figures::add);
        lines(top1, testSetDomains, ADDED, m -> Double.parseDouble(m.group(1)), "renditions added to the fixed naturals")
                .map(chart -> new Figure("accuracy_vs_added_renditions", "Accuracy vs added renditions", "Top-1 of the models"
                        + " trained on the fixed naturals plus k renditions, per test set.", chart))
                .ifPresent(figures::add);
        for (String metric : List.of("top1", "top1_heldout")) {
            domainMixtures(Metrics.overall(rows, metric), testSetDomains, metric).ifPresent(figures::add);
        }
        return figures;
    }

    private interface Position {
        double of(Matcher split);
    }

    private static Optional<JFreeChart> lines(Map<String, Map<String, MetricRow>> top1, Map<String, TestSetDomain> testSetDomains,
            Pattern split, Position position, String axis) {
        Map<String, XYSeries> byTestSet = new TreeMap<>();
        top1.values().forEach(byTestSet0 -> byTestSet0.forEach((testSet, row) -> {
            Matcher m = split.matcher(row.split());
            if (m.matches()) {
                String label = testSetDomains.containsKey(testSet) ? testSetDomains.get(testSet).label() : "";
                byTestSet.computeIfAbsent(testSet, t -> new XYSeries(t + (label.isEmpty() ? "" : " (" + label + ")")))
                        .add(position.of(m), row.value());
            }
        }));
        if (byTestSet.isEmpty()) {
            return Optional.empty();
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        byTestSet.values().forEach(dataset::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(null, axis, "top-1 accuracy", dataset, PlotOrientation.VERTICAL, true,
                true, false);
        chart.getXYPlot().getRangeAxis().setRange(0, 1.05);
        return Optional.of(chart);
    }

    private static Optional<Figure> domainMixtures(Map<String, Map<String, MetricRow>> byModel,
            Map<String, TestSetDomain> testSetDomains, String metric) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        byModel.values().forEach(byTestSet -> byTestSet.forEach((testSet, row) -> {
            Matcher m = DOMAIN_MIXTURE.matcher(row.split());
            if (m.matches() && testSetDomains.containsKey(testSet) && m.group(1).equals(testSetDomains.get(testSet).domain())) {
                dataset.addValue(row.value(), m.group(2), testSet);
            }
        }));
        if (dataset.getRowCount() == 0) {
            return Optional.empty();
        }
        String classes = metric.equals("top1") ? "all classes" : "the held-out classes C";
        JFreeChart chart = ChartFactory.createBarChart(null, "test set (domain d)", "top-1 accuracy, " + classes, dataset,
                PlotOrientation.VERTICAL, true, true, false);
        chart.getCategoryPlot().getRangeAxis().setRange(0, 1);
        return Optional.of(new Figure("domain_mixtures-" + metric, String.format(Locale.ROOT, "Domain mixtures: %s", classes),
                "Per test domain d, top-1 on " + classes + " of the models trained on the four DG/CG splits: natural-only,"
                        + " CG low-diversity, CG high-diversity and leave-out-domain (sizes equalised).", chart));
    }
}
