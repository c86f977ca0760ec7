package org.clipdg.report.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.report.TestSetDomain;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class DomainStudiesTest {
    private static final Map<String, TestSetDomain> DOMAINS = TestSetDomain.ofDomains(Map.of("photo", "photo", "sketch", "sketch"));

    private static void add(List<MetricRow> rows, String split, String metric, double photo, double sketch) {
        for (var test : Map.of("photo", photo, "sketch", sketch).entrySet()) {
            rows.add(new MetricRow("clip-" + split, split, "sha", 42, test.getKey(), "", "", "", "", metric, test.getValue(), 50, 0, 1));
        }
    }

    @Test
    void mixingRatiosAddedRenditionsAndDomainMixtures() {
        List<MetricRow> rows = new ArrayList<>();
        add(rows, "all", "top1", 0.9, 0.5);
        add(rows, "mix-1_3-80", "top1", 0.8, 0.4);
        add(rows, "mix-1_1-80", "top1", 0.7, 0.6);
        add(rows, "add_renditions-0", "top1", 0.85, 0.3);
        add(rows, "add_renditions-100", "top1", 0.84, 0.45);
        for (String rule : List.of("natural_only", "cg_low", "cg_high", "leave_out")) {
            add(rows, "dm-sketch-" + rule, "top1", 0.8, rule.equals("leave_out") ? 0.2 : 0.4);
            add(rows, "dm-sketch-" + rule, "top1_heldout", 0.7, 0.1);
        }
        List<Figure> figures = DomainStudies.of(rows, DOMAINS);
        assertEquals(List.of("accuracy_vs_mixing_ratio", "accuracy_vs_added_renditions", "domain_mixtures-top1",
                "domain_mixtures-top1_heldout"), figures.stream().map(Figure::name).toList());

        XYDataset ratios = figures.get(0).chart().getXYPlot().getDataset();
        assertEquals(List.of("photo (natural)", "sketch (rendition)"), List.of(ratios.getSeriesKey(0), ratios.getSeriesKey(1)));
        assertEquals(0.25, ratios.getXValue(1, 0), 1e-12, "1:3 is a quarter renditions");
        assertEquals(0.4, ratios.getYValue(1, 0), 1e-12);
        assertEquals(100, figures.get(1).chart().getXYPlot().getDataset().getXValue(0, 1), 1e-12);

        CategoryDataset mixtures = figures.get(2).chart().getCategoryPlot().getDataset();
        assertEquals(List.of("sketch"), mixtures.getColumnKeys(), "only the test set of the mixture's domain");
        assertEquals(List.of("natural_only", "cg_low", "cg_high", "leave_out"), mixtures.getRowKeys());
        assertEquals(0.2, mixtures.getValue("leave_out", "sketch").doubleValue(), 1e-12);
    }

    @Test
    void aStudyWithoutDomainSplitsHasNoneOfTheseFigures() {
        List<MetricRow> rows = new ArrayList<>();
        add(rows, "all", "top1", 0.9, 0.5);
        assertEquals(List.of(), DomainStudies.of(rows, DOMAINS));
    }
}
