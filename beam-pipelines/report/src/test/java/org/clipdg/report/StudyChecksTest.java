package org.clipdg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.clipdg.core.metrics.MetricRow;
import org.junit.jupiter.api.Test;

class StudyChecksTest {
    private static final Map<String, String> DOMAINS = Map.of("photo", "photo", "sketch", "sketch");

    private static void top1(List<MetricRow> rows, String split, double photo, double sketch) {
        rows.add(new MetricRow("clip-" + split, split, "sha", 42, "photo", "", "", "", "", "top1", photo, 100, 0, 1));
        rows.add(new MetricRow("clip-" + split, split, "sha", 42, "sketch", "", "", "", "", "top1", sketch, 100, 0, 1));
    }

    private static List<StudyChecks.Check> checks(List<MetricRow> rows) {
        return StudyChecks.of(rows, DOMAINS, List.of(), OptionalDouble.empty());
    }

    private static List<String> verdicts(List<MetricRow> rows) {
        return checks(rows).stream().map(StudyChecks.Check::verdict).toList();
    }

    @Test
    void everyEffectOfTheFullStudy() {
        List<MetricRow> rows = new ArrayList<>(ReportCommandTest.study());
        top1(rows, "natural_only", 0.85, 0.2);
        top1(rows, "add_renditions-0", 0.85, 0.2);
        top1(rows, "add_renditions-400", 0.84, 0.45);
        top1(rows, "similarity_matched-combined", 0.78, 0.40);
        top1(rows, "dm-sketch-leave_out", 0.80, 0.10);
        assertEquals(List.of("not measured", "visible", "visible", "visible", "visible", "visible"), verdicts(rows));
        StudyChecks.Check pruning = checks(rows).get(4);
        assertEquals("sketch: pruning 10.0, leaving sketch out 40.0 points", pruning.evidence());
    }

    @Test
    void anEffectAgainstTheExpectedDirectionIsNotVisible() {
        List<MetricRow> rows = new ArrayList<>(ReportCommandTest.study());
        top1(rows, "natural_only", 0.85, 0.6);
        assertEquals("not visible", verdicts(rows).get(1));
        assertTrue(checks(rows).get(1).evidence().startsWith("natural_only vs all: top-1 lower on 0 of 1"
                + " rendition test sets"));
    }

    @Test
    void withoutDomainLabelsNaturalOnlyIsMeasuredOnTheGroundTruthMixtures() {
        List<MetricRow> rows = new ArrayList<>(ReportCommandTest.study());
        top1(rows, "dm-sketch-natural_only", 0.84, 0.15);
        top1(rows, "dm-sketch-cg_high", 0.83, 0.35);
        StudyChecks.Check check = checks(rows).get(1);
        assertEquals("visible", check.verdict());
        assertEquals("dm-sketch-natural_only vs dm-sketch-cg_high (same size, domains by ground truth): top-1 lower on 1 of 1"
                + " rendition test sets (points: sketch -20.0)", check.evidence());

        top1(rows, "natural_only", 0.85, 0.6);
        assertEquals("not visible", checks(rows).get(1).verdict(), "the label splits, when made, come first");
    }

    @Test
    void whatTheRunDidNotTrainIsNotMeasuredAndSaysWhy() {
        List<MetricRow> rows = new ArrayList<>();
        top1(rows, "all", 0.8, 0.5);
        List<StudyChecks.Check> checks = checks(rows);
        assertEquals(List.of("not measured", "not measured", "not measured", "not measured", "not measured", "not measured"),
                checks.stream().map(StudyChecks.Check::verdict).toList());
        assertTrue(checks.get(1).evidence().contains("natural_only"), checks.get(1).evidence());
    }

    @Test
    void strictLabelsAreCheckedOnThePoolsGroundTruthWithinTheirInterval() {
        Map<String, String> pool = composition("web", "pool", "strict", "0.9850", "0.9790", "0.9920", "0.9850", "0.9960", "0.9710",
                "0.9600", "0.9790");
        List<Map<String, String>> composition = List.of(pool,
                composition("web", "pool", "default", "0.9000", "0.8000", "0.9100", "0.9000", "0.9200", "0.7000", "0.6000", "0.8000"),
                composition("sketch", "test", "strict", "0.9850", "0.9790", "", "", "", "1.0000", "0.9900", "1.0000"));
        StudyChecks.Check check = StudyChecks.of(List.of(), DOMAINS, composition, OptionalDouble.of(0.98)).get(0);
        assertEquals("not visible", check.verdict(), "rendition's interval ends at 0.979 < 0.98");
        assertEquals("target 0.98; labelled data's test split: natural 0.9850, rendition 0.9790; web against its ground truth,"
                + " 95% interval: natural 0.9920 (0.9850-0.9960), rendition 0.9710 (0.9600-0.9790)", check.evidence());
        assertEquals("visible", StudyChecks.of(List.of(), DOMAINS, composition, OptionalDouble.of(0.979)).get(0).verdict(),
                "0.971 is below 0.979, but not significantly");

        Map<String, String> withoutRenditions = new HashMap<>(pool);
        withoutRenditions.putAll(Map.of("truth_precision_rendition", "", "truth_precision_rendition_low", "",
                "truth_precision_rendition_high", ""));
        check = StudyChecks.of(List.of(), DOMAINS, List.of(withoutRenditions), OptionalDouble.of(0.98)).get(0);
        assertEquals("visible", check.verdict());
        assertTrue(check.evidence().endsWith("natural 0.9920 (0.9850-0.9960), rendition none given"), check.evidence());
    }

    @Test
    void withoutAPoolOfKnownDomainsTheTestSplitDecides() {
        List<Map<String, String>> composition = List.of(
                composition("web", "pool", "strict", "0.9850", "0.9790", "", "", "", "", "", ""),
                composition("sketch", "test", "strict", "0.9850", "0.9790", "", "", "", "1.0000", "0.9900", "1.0000"));
        StudyChecks.Check check = StudyChecks.of(List.of(), DOMAINS, composition, OptionalDouble.of(0.98)).get(0);
        assertEquals("not visible", check.verdict(), "rendition 0.979 < 0.98");
        assertEquals("target 0.98; labelled data's test split: natural 0.9850, rendition 0.9790", check.evidence());
        assertEquals("visible", StudyChecks.of(List.of(), DOMAINS, composition, OptionalDouble.of(0.975)).get(0).verdict());
        assertTrue(StudyChecks.of(List.of(), DOMAINS, composition, OptionalDouble.empty()).get(0).evidence()
                .startsWith("no domain classifier"));
    }

    /** A composition.tsv row: the card's test-split precisions, then each label's precision against ground truth, low, high. */
    private static Map<String, String> composition(String dataset, String role, String thresholds, String natural,
            String rendition, String... truth) {
        Map<String, String> row = new HashMap<>(Map.of("dataset", dataset, "role", role, "thresholds", thresholds,
                "precision_natural", natural, "precision_rendition", rendition));
        List<String> columns = List.of("truth_precision_natural", "truth_precision_natural_low", "truth_precision_natural_high",
                "truth_precision_rendition", "truth_precision_rendition_low", "truth_precision_rendition_high");
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), truth[i]);
        }
        return row;
    }
}
