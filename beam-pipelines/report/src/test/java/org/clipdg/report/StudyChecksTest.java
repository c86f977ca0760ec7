package org.clipdg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clipdg.core.metrics.MetricRow;
import org.junit.jupiter.api.Test;

class StudyChecksTest {
    private static final Map<String, String> DOMAINS = Map.of("photo", "photo", "sketch", "sketch");

    private static void top1(List<MetricRow> rows, String split, double photo, double sketch) {
        rows.add(new MetricRow("clip-" + split, split, "sha", 42, "photo", "", "", "", "", "top1", photo, 100, 0, 1));
        rows.add(new MetricRow("clip-" + split, split, "sha", 42, "sketch", "", "", "", "", "top1", sketch, 100, 0, 1));
    }

    private static List<String> verdicts(List<MetricRow> rows) {
        return StudyChecks.of(rows, DOMAINS).stream().map(StudyChecks.Check::verdict).toList();
    }

    @Test
    void everyEffectOfTheFullStudy() {
        List<MetricRow> rows = new ArrayList<>(ReportCommandTest.study());
        top1(rows, "natural_only", 0.85, 0.2);
        top1(rows, "add_renditions-0", 0.85, 0.2);
        top1(rows, "add_renditions-400", 0.84, 0.45);
        top1(rows, "similarity_matched-combined", 0.78, 0.40);
        top1(rows, "dm-sketch-leave_out", 0.80, 0.10);
        assertEquals(List.of("visible", "visible", "visible", "visible", "visible"), verdicts(rows));
        StudyChecks.Check pruning = StudyChecks.of(rows, DOMAINS).get(3);
        assertEquals("sketch: pruning 10.0, leaving sketch out 40.0 points", pruning.evidence());
    }

    @Test
    void anEffectAgainstTheExpectedDirectionIsNotVisible() {
        List<MetricRow> rows = new ArrayList<>(ReportCommandTest.study());
        top1(rows, "natural_only", 0.85, 0.6);
        assertEquals("not visible", verdicts(rows).get(0));
        assertTrue(StudyChecks.of(rows, DOMAINS).get(0).evidence().startsWith("natural_only vs all: top-1 lower on 0 of 1"
                + " rendition test sets"));
    }

    @Test
    void withoutDomainLabelsNaturalOnlyIsMeasuredOnTheGroundTruthMixtures() {
        List<MetricRow> rows = new ArrayList<>(ReportCommandTest.study());
        top1(rows, "dm-sketch-natural_only", 0.84, 0.15);
        top1(rows, "dm-sketch-cg_high", 0.83, 0.35);
        StudyChecks.Check check = StudyChecks.of(rows, DOMAINS).get(0);
        assertEquals("visible", check.verdict());
        assertEquals("dm-sketch-natural_only vs dm-sketch-cg_high (same size, domains by ground truth): top-1 lower on 1 of 1"
                + " rendition test sets (points: sketch -20.0)", check.evidence());

        top1(rows, "natural_only", 0.85, 0.6);
        assertEquals("not visible", StudyChecks.of(rows, DOMAINS).get(0).verdict(), "the label splits, when made, come first");
    }

    @Test
    void whatTheRunDidNotTrainIsNotMeasuredAndSaysWhy() {
        List<MetricRow> rows = new ArrayList<>();
        top1(rows, "all", 0.8, 0.5);
        List<StudyChecks.Check> checks = StudyChecks.of(rows, DOMAINS);
        assertEquals(List.of("not measured", "not measured", "not measured", "not measured", "not measured"),
                checks.stream().map(StudyChecks.Check::verdict).toList());
        assertTrue(checks.get(0).evidence().contains("natural_only"), checks.get(0).evidence());
    }
}
