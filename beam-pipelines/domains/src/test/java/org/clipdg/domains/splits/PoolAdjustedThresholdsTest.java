package org.clipdg.domains.splits;

import static org.clipdg.domains.splits.DomainSplitsFixtures.N;
import static org.clipdg.domains.splits.DomainSplitsFixtures.R;
import static org.clipdg.domains.splits.DomainSplitsFixtures.args;
import static org.clipdg.domains.splits.DomainSplitsFixtures.keys;
import static org.clipdg.domains.splits.DomainSplitsFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.clipdg.core.CompositionColumns;
import org.clipdg.core.DomainThresholdSets;
import org.clipdg.core.TsvTable;
import org.clipdg.domains.GaussianDomainScores;
import org.clipdg.domains.LabelRule;
import org.clipdg.domains.classifier.StrictThreshold;
import org.clipdg.schema.LabelMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strict labels that hold on the pool, with generated scores: a classifier calibrated on labelled
 * data of 17% natural / 83% rendition (16,000 samples: 12,000 train, 2,000 validation, 2,000 test)
 * labels a pool of 41% / 59% (10,000 samples). Renditions are rarer in the pool, so a rendition label
 * is wrong more often there than on the validation split: the calibrated thresholds miss the target
 * on the pool, the pool-adjusted ones reach it.
 */
class PoolAdjustedThresholdsTest {
    private static final List<String> CLASSES = List.of(N, R);
    private static final double[] LABELLED_MIX = {0.17, 0.83};
    private static final double TARGET = 0.98;

    @TempDir
    static Path dir;

    private static Path out;
    private static Map<String, Map<String, String>> poolRows;
    private static Map<String, Map<String, String>> prevalence;
    private static final Map<String, String> poolDomains = new HashMap<>();
    private static double trainNaturalShare;

    @BeforeAll
    static void labelAPoolOfAnotherMix() throws Exception {
        Random random = new Random(2002);
        GaussianDomainScores.Drawn labelled = GaussianDomainScores.draw(new int[] {2720, 13280}, LABELLED_MIX, random);
        GaussianDomainScores.Drawn pool = GaussianDomainScores.draw(new int[] {4100, 5900}, LABELLED_MIX, random);
        String[] splits = new String[labelled.truth().length];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = i < 12000 ? "train" : i < 14000 ? "validation" : "test";
        }
        trainNaturalShare = Arrays.stream(labelled.truth()).limit(12000).filter(c -> c == 0).count() / 12000.0;
        LabelRule calibrated = new LabelRule(CLASSES, threshold(labelled, splits, 0), threshold(labelled, splits, 1));
        Path root = dir.resolve("inputs");
        List<DomainSplitsFixtures.TrainingRow> trainingData = new ArrayList<>();
        for (int i = 0; i < splits.length; i++) {
            trainingData.add(new DomainSplitsFixtures.TrainingRow("labelled", key("l", i), CLASSES.get(labelled.truth()[i]),
                    splits[i]));
        }
        String card = DomainSplitsFixtures.classifier(root, CLASSES, Map.of(N, calibrated.strictNatural(), R,
                calibrated.strictRendition()), metrics(labelled, splits, calibrated), trainingData);
        DomainSplitsFixtures.dataset(root, "labelled", "labelled", "", card, rows("l", labelled, calibrated), 20000);
        List<DomainSplitsFixtures.Row> poolSamples = rows("p", pool, calibrated);
        poolSamples.forEach(row -> poolDomains.put(row.key(), row.domain()));
        DomainSplitsFixtures.dataset(root, "pool", "pool", "", card, poolSamples, 20000);
        out = dir.resolve("out");
        run(args(root, out, "--mix-ratios", "", "--mixture-domains", ""));
        run(args(root, dir.resolve("calibrated"), "--mix-ratios", "", "--mixture-domains", "", "--thresholds", "strict"));
        poolRows = byKey(TsvTable.read(out.resolve(CompositionColumns.FILE)).stream()
                .filter(row -> row.get(CompositionColumns.DATASET).equals("pool")).toList(), CompositionColumns.THRESHOLDS);
        prevalence = byKey(TsvTable.read(out.resolve(PrevalenceTable.FILE)), "class");
    }

    private static String key(String prefix, int i) {
        return String.format("%s%05d", prefix, i);
    }

    /** The calibrated strict threshold of class c: the unweighted rule on the validation split. */
    private static double threshold(GaussianDomainScores.Drawn drawn, String[] splits, int c) {
        List<Integer> validation = new ArrayList<>();
        for (int i = 0; i < splits.length; i++) {
            if (splits[i].equals("validation")) {
                validation.add(i);
            }
        }
        float[] scores = new float[validation.size()];
        boolean[] positive = new boolean[validation.size()];
        for (int n = 0; n < validation.size(); n++) {
            scores[n] = drawn.probability(validation.get(n), c);
            positive[n] = drawn.truth()[validation.get(n)] == c;
        }
        return StrictThreshold.select(scores, positive, TARGET, "test").threshold();
    }

    /** The card's strict metrics on the validation and test splits, as the training step counts them. */
    private static List<LabelMetrics> metrics(GaussianDomainScores.Drawn drawn, String[] splits, LabelRule rule) {
        List<LabelMetrics> metrics = new ArrayList<>();
        for (String split : List.of("validation", "test")) {
            for (int c = 0; c < CLASSES.size(); c++) {
                long predicted = 0;
                long correct = 0;
                for (int i = 0; i < splits.length; i++) {
                    if (splits[i].equals(split) && labels(drawn, i, rule).strictLabel().equals(CLASSES.get(c))) {
                        predicted++;
                        correct += drawn.truth()[i] == c ? 1 : 0;
                    }
                }
                metrics.add(DomainSplitsFixtures.metrics(split, DomainThresholdSets.STRICT, CLASSES.get(c), correct, predicted));
            }
        }
        return metrics;
    }

    private static LabelRule.Labels labels(GaussianDomainScores.Drawn drawn, int i, LabelRule rule) {
        return rule.apply(drawn.posteriors(), i);
    }

    /** Label rows with ground-truth domains photo and sketch. */
    private static List<DomainSplitsFixtures.Row> rows(String prefix, GaussianDomainScores.Drawn drawn, LabelRule rule) {
        List<DomainSplitsFixtures.Row> rows = new ArrayList<>();
        for (int i = 0; i < drawn.truth().length; i++) {
            LabelRule.Labels labels = labels(drawn, i, rule);
            boolean rendition = drawn.truth()[i] == 1;
            rows.add(new DomainSplitsFixtures.Row(key(prefix, i), labels.pNatural(), labels.pRendition(), labels.defaultLabel(),
                    labels.strictLabel(), rendition ? "sketch" : "photo", "", "dog"));
        }
        return rows;
    }

    private static Map<String, Map<String, String>> byKey(List<Map<String, String>> rows, String column) {
        Map<String, Map<String, String>> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put(row.get(column), row));
        return byKey;
    }

    private static double value(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    @Test
    void calibratedThresholdsMissTheTargetOnThePoolAndPoolAdjustedOnesReachIt() {
        String rendition = CompositionColumns.truthPrecision(R);
        Map<String, String> calibrated = poolRows.get(DomainThresholdSets.STRICT);
        Map<String, String> adjusted = poolRows.get(DomainThresholdSets.STRICT_POOL);
        assertTrue(value(calibrated, rendition) < 0.96, calibrated.toString());
        assertTrue(value(calibrated, CompositionColumns.high(rendition)) < TARGET, calibrated.toString());
        assertTrue(value(calibrated, CompositionColumns.z(rendition)) < -1.96, calibrated.toString());
        for (String label : CompositionColumns.DECIDED_LABELS) {
            String column = CompositionColumns.truthPrecision(label);
            assertTrue(value(adjusted, CompositionColumns.high(column)) >= TARGET, label + ": " + adjusted);
            assertTrue(value(adjusted, CompositionColumns.z(column)) >= -1.96, label + ": " + adjusted);
        }
        assertTrue(value(adjusted, rendition) > value(calibrated, rendition) + 0.01, adjusted.toString());
    }

    @Test
    void theStrictSubsetsOfThePoolAreItsPoolAdjustedLabels() throws Exception {
        Map<String, String> adjusted = poolRows.get(DomainThresholdSets.STRICT_POOL);
        for (String label : CompositionColumns.DECIDED_LABELS) {
            List<String> kept = keys(out.resolve("splits").resolve(label + "_only.tsv"), "pool");
            String domain = label.equals(N) ? "photo" : "sketch";
            long right = kept.stream().filter(key -> poolDomains.get(key).equals(domain)).count();
            assertEquals(value(adjusted, CompositionColumns.truthPrecision(label)), right / (double) kept.size(), 5e-5, label);
            assertEquals(value(adjusted, CompositionColumns.percent(label)), 100.0 * kept.size() / 10000, 5e-3, label);
        }
    }

    @Test
    void theCalibratedThresholdsRemainAChoiceForTheSubsets() throws Exception {
        Map<String, String> calibrated = poolRows.get(DomainThresholdSets.STRICT);
        for (String label : CompositionColumns.DECIDED_LABELS) {
            List<String> kept = keys(dir.resolve("calibrated").resolve("splits").resolve(label + "_only.tsv"), "pool");
            assertEquals(value(calibrated, CompositionColumns.percent(label)), 100.0 * kept.size() / 10000, 5e-3, label);
        }
        assertFalse(Files.readString(dir.resolve("calibrated/splits.tsv")).contains("strict_pool"));
    }

    @Test
    void thePrevalenceTableHoldsTheEstimateItsIntervalTheSourcePriorAndBothThresholdSets() {
        Map<String, String> natural = prevalence.get(N);
        Map<String, String> rendition = prevalence.get(R);
        assertEquals(trainNaturalShare, value(natural, "source_prior"), 0.00005, "the train split's share");
        assertEquals(0.41, value(natural, "pool_prevalence"), 0.015);
        assertTrue(value(natural, "pool_prevalence_low") <= 0.41 && 0.41 <= value(natural, "pool_prevalence_high"),
                natural.toString());
        assertEquals(1, value(natural, "pool_prevalence") + value(rendition, "pool_prevalence"), 1e-4);
        assertTrue(value(rendition, "strict_pool_threshold") > value(rendition, "strict_threshold"), rendition.toString());
        assertTrue(value(rendition, "strict_precision_at_pool") < TARGET, rendition.toString());
        assertTrue(value(rendition, "strict_pool_precision_at_pool") >= TARGET, rendition.toString());
        assertEquals("pool", natural.get("pool"));
        assertEquals("10000", natural.get("pool_samples"));
        assertEquals("42", natural.get("seed"));
        assertEquals("200", natural.get("bootstrap_resamples"));
    }
}
