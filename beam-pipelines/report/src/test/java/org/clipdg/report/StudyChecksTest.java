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
    private static final Map<String, TestSetDomain> DOMAINS = TestSetDomain.ofDomains(Map.of("photo", "photo", "sketch", "sketch"));

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
    void strictLabelsAreCheckedOnThePoolsGroundTruthAgainstTheValidationPrecision() {
        Map<String, String> pool = composition("web", "pool", "strict", "0.9850 0.50", "0.9790 -0.30", "0.9920 0.9850 0.9960 1.10",
                "0.9710 0.9600 0.9790 -2.10");
        List<Map<String, String>> composition = List.of(pool,
                composition("web", "pool", "default", "0.9000 0.10", "0.8000 0.20", "0.9100 0.9000 0.9200 0.30",
                        "0.7000 0.6000 0.8000 -9.00"),
                composition("sketch", "test", "strict", "0.9850 0.50", "0.9790 -0.30", "", "1.0000 0.9900 1.0000 1.50"));
        StudyChecks.Check check = StudyChecks.of(List.of(), DOMAINS, composition, OptionalDouble.of(0.98)).get(0);
        assertEquals("not visible", check.verdict(), "rendition is 2.1 standard errors below its validation precision");
        assertEquals("target 0.98, each precision with its z against the validation split's; labelled data's test split:"
                + " natural 0.9850 (z 0.50), rendition 0.9790 (z -0.30); web against its ground truth, 95% interval: natural"
                + " 0.9920 (0.9850-0.9960, z 1.10), rendition 0.9710 (0.9600-0.9790, z -2.10)", check.evidence());

        Map<String, String> withinChance = new HashMap<>(pool);
        withinChance.put("truth_precision_rendition_z", "-1.90");
        assertEquals("visible", StudyChecks.of(List.of(), DOMAINS, List.of(withinChance), OptionalDouble.of(0.98)).get(0).verdict(),
                "rendition is below the target and its interval ends below it, but not significantly below the validation"
                        + " precision");

        Map<String, String> withoutRenditions = new HashMap<>(pool);
        withoutRenditions.putAll(Map.of("truth_precision_rendition", "", "truth_precision_rendition_low", "",
                "truth_precision_rendition_high", "", "truth_precision_rendition_z", ""));
        check = StudyChecks.of(List.of(), DOMAINS, List.of(withoutRenditions), OptionalDouble.of(0.98)).get(0);
        assertEquals("visible", check.verdict());
        assertTrue(check.evidence().endsWith("natural 0.9920 (0.9850-0.9960, z 1.10), rendition none given"), check.evidence());
    }

    /** The pool's strict subsets use the thresholds adjusted to its prevalence, so its strict_pool row decides. */
    @Test
    void aPoolWithPoolAdjustedLabelsIsCheckedOnThem() {
        Map<String, String> calibrated = composition("web", "pool", "strict", "0.9850 0.50", "0.9790 -0.30",
                "0.9920 0.9850 0.9960 1.10", "0.9420 0.9280 0.9530 -5.20");
        Map<String, String> adjusted = composition("web", "pool", "strict_pool", "0.9800 0.10", "0.9810 0.20",
                "0.9850 0.9790 0.9890 0.60", "0.9790 0.9740 0.9830 -0.40");
        StudyChecks.Check check = StudyChecks.of(List.of(), DOMAINS, List.of(calibrated, adjusted), OptionalDouble.of(0.98)).get(0);
        assertEquals("visible", check.verdict(), "the calibrated labels miss the target on the pool, the adjusted ones do not");
        assertEquals("target 0.98, each precision with its z against the validation split's; labelled data's test split:"
                + " natural 0.9850 (z 0.50), rendition 0.9790 (z -0.30); web (thresholds adjusted to its prevalence) against its"
                + " ground truth, 95% interval: natural 0.9850 (0.9790-0.9890, z 0.60), rendition 0.9790 (0.9740-0.9830, z -0.40)",
                check.evidence());

        Map<String, String> adjustedBelow = new HashMap<>(adjusted);
        adjustedBelow.put("truth_precision_rendition_z", "-2.50");
        assertEquals("not visible", StudyChecks.of(List.of(), DOMAINS, List.of(calibrated, adjustedBelow),
                OptionalDouble.of(0.98)).get(0).verdict());
        assertEquals("not visible", StudyChecks.of(List.of(), DOMAINS, List.of(calibrated), OptionalDouble.of(0.98)).get(0)
                .verdict(), "without strict_pool rows (no threshold reached the target at the pool's prevalence) strict decides");
    }

    @Test
    void withoutAPoolOfKnownDomainsTheTestSplitDecides() {
        Map<String, String> pool = composition("web", "pool", "strict", "0.9850 0.50", "0.9690 -2.00", "", "");
        List<Map<String, String>> composition = List.of(pool,
                composition("sketch", "test", "strict", "0.9850 0.50", "0.9690 -2.00", "", "1.0000 0.9900 1.0000 1.50"));
        StudyChecks.Check check = StudyChecks.of(List.of(), DOMAINS, composition, OptionalDouble.of(0.98)).get(0);
        assertEquals("not visible", check.verdict(), "the test split's renditions are 2 standard errors below validation");
        assertEquals("target 0.98, each precision with its z against the validation split's; labelled data's test split:"
                + " natural 0.9850 (z 0.50), rendition 0.9690 (z -2.00)", check.evidence());

        Map<String, String> withinChance = new HashMap<>(pool);
        withinChance.put("precision_rendition_z", "-1.50");
        assertEquals("visible", StudyChecks.of(List.of(), DOMAINS, List.of(withinChance), OptionalDouble.of(0.98)).get(0).verdict(),
                "0.969 is below the target, but not significantly below the validation precision");
        assertTrue(StudyChecks.of(List.of(), DOMAINS, composition, OptionalDouble.empty()).get(0).evidence()
                .startsWith("no domain classifier"));
    }

    /**
     * A composition.tsv row: the card's test-split precision and its z, per label ("precision z"), then
     * each label's precision against ground truth ("precision low high z", or "" for none).
     */
    private static Map<String, String> composition(String dataset, String role, String thresholds, String natural,
            String rendition, String truthNatural, String truthRendition) {
        Map<String, String> row = new HashMap<>(Map.of("dataset", dataset, "role", role, "thresholds", thresholds));
        put(row, List.of("precision_natural", "precision_natural_z"), natural);
        put(row, List.of("precision_rendition", "precision_rendition_z"), rendition);
        for (String label : List.of("natural", "rendition")) {
            String prefix = "truth_precision_" + label;
            put(row, List.of(prefix, prefix + "_low", prefix + "_high", prefix + "_z"), label.equals("natural") ? truthNatural
                    : truthRendition);
        }
        return row;
    }

    private static void put(Map<String, String> row, List<String> columns, String values) {
        String[] value = values.isEmpty() ? new String[columns.size()] : values.split(" ");
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), value[i] == null ? "" : value[i]);
        }
    }
}
