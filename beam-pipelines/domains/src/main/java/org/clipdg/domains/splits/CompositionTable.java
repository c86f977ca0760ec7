package org.clipdg.domains.splits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.metrics.Interval;
import org.clipdg.core.metrics.TwoProportionZ;
import org.clipdg.core.metrics.WilsonInterval;
import org.clipdg.schema.DomainClassifierCard;
import org.clipdg.schema.LabelMetrics;

/**
 * composition.tsv (STUDY.md, "Domain labelling"): per dataset, % natural / ambiguous / rendition
 * under both threshold sets with the classifier's test-split precision, and a ground_truth row where
 * the samples' domains are known (its samples column counts only those). Where they are, each
 * threshold set's row also gives its labels' precision against them: on every dataset but the
 * labelled ones, precision on images the classifier never saw, at that dataset's own domain mix, with
 * its 95% Wilson interval. The strict thresholds are set where the validation precision reaches the
 * target, so a fresh sample's precision scatters around the target, below it about half the time;
 * each precision's {@code _z} column says whether it falls short by more than chance: its pooled
 * two-proportion z against the validation split's precision at the same thresholds, which counts the
 * sampling error of both. Without a classifier only the ground_truth rows are written.
 */
final class CompositionTable {
    static final String HEADER = "dataset\trole\tthresholds\tsamples\tnatural_pct\tambiguous_pct\trendition_pct"
            + "\tprecision_natural\tprecision_rendition\tprecision_natural_z\tprecision_rendition_z"
            + "\ttruth_precision_natural\ttruth_precision_natural_low\ttruth_precision_natural_high\ttruth_precision_natural_z"
            + "\ttruth_precision_rendition\ttruth_precision_rendition_low\ttruth_precision_rendition_high"
            + "\ttruth_precision_rendition_z\n";
    private static final String VALIDATION_SPLIT = "validation";
    private static final String TEST_SPLIT = "test";
    private static final double CONFIDENCE = 0.95;
    private static final List<String> NO_TRUTH = List.of("", "", "", "");

    private CompositionTable() {}

    static void write(Path file, List<DatasetLabels> datasets, Optional<DomainClassifierCard> card) throws IOException {
        AtomicFiles.writeString(file, tsv(datasets, card));
    }

    static String tsv(List<DatasetLabels> datasets, Optional<DomainClassifierCard> classifier) {
        StringBuilder tsv = new StringBuilder(HEADER);
        for (DatasetLabels dataset : datasets) {
            if (classifier.isPresent()) {
                DomainClassifierCard card = classifier.get();
                for (Thresholds thresholds : Thresholds.values()) {
                    List<String> precisions = new ArrayList<>(List.of(testPrecision(card, thresholds, DomainLabels.NATURAL),
                            testPrecision(card, thresholds, DomainLabels.RENDITION),
                            testAgainstValidation(card, thresholds, DomainLabels.NATURAL),
                            testAgainstValidation(card, thresholds, DomainLabels.RENDITION)));
                    precisions.addAll(truthPrecision(dataset, card, thresholds, DomainLabels.NATURAL));
                    precisions.addAll(truthPrecision(dataset, card, thresholds, DomainLabels.RENDITION));
                    row(tsv, dataset, thresholds.toString(), counts(dataset, thresholds::labelOf), precisions);
                }
            }
            long[] truth = counts(dataset, LabelledSample::groundTruthLabel);
            if (truth[0] + truth[1] + truth[2] > 0) {
                row(tsv, dataset, "ground_truth", truth, Collections.nCopies(4 + 2 * NO_TRUTH.size(), ""));
            }
        }
        return tsv.toString();
    }

    /** natural, ambiguous and rendition counts; samples with another label (unknown ground truth) are not counted. */
    private static long[] counts(DatasetLabels dataset, Function<LabelledSample, String> label) {
        long[] counts = new long[3];
        for (LabelledSample sample : dataset.samples()) {
            switch (label.apply(sample)) {
                case DomainLabels.NATURAL -> counts[0]++;
                case DomainLabels.AMBIGUOUS -> counts[1]++;
                case DomainLabels.RENDITION -> counts[2]++;
                default -> { }
            }
        }
        return counts;
    }

    private static void row(StringBuilder tsv, DatasetLabels dataset, String thresholds, long[] counts, List<String> precisions) {
        long samples = counts[0] + counts[1] + counts[2];
        tsv.append(dataset.name()).append('\t').append(dataset.role()).append('\t').append(thresholds).append('\t')
                .append(samples);
        for (long count : counts) {
            tsv.append('\t').append(samples == 0 ? "" : String.format(Locale.ROOT, "%.2f", 100.0 * count / samples));
        }
        for (String precision : precisions) {
            tsv.append('\t').append(precision);
        }
        tsv.append('\n');
    }

    /**
     * Share of the samples given {@code label} whose ground truth is that label, its 95% Wilson
     * interval and its z against the validation precision; four "" when none with a known domain was.
     */
    private static List<String> truthPrecision(DatasetLabels dataset, DomainClassifierCard card, Thresholds thresholds,
            String label) {
        long labelled = 0;
        long right = 0;
        for (LabelledSample sample : dataset.samples()) {
            String truth = sample.groundTruthLabel();
            if (!truth.isEmpty() && thresholds.labelOf(sample).equals(label)) {
                labelled++;
                right += truth.equals(label) ? 1 : 0;
            }
        }
        if (labelled == 0) {
            return NO_TRUTH;
        }
        Interval interval = WilsonInterval.of(right, labelled, CONFIDENCE);
        return List.of(format(right / (double) labelled), format(interval.low()), format(interval.high()),
                againstValidation(right, labelled, card, thresholds, label));
    }

    /** The card's precision for the label on its test split, or "" when the card has none. */
    private static String testPrecision(DomainClassifierCard card, Thresholds thresholds, String label) {
        return metrics(card, TEST_SPLIT, thresholds, label).map(LabelMetrics::getPrecision).map(CompositionTable::format)
                .orElse("");
    }

    private static String testAgainstValidation(DomainClassifierCard card, Thresholds thresholds, String label) {
        return metrics(card, TEST_SPLIT, thresholds, label)
                .map(test -> againstValidation(test.getCorrect(), test.getPredicted(), card, thresholds, label)).orElse("");
    }

    /** z of {@code right / labelled} against the card's validation precision; "" when validation gave none the label. */
    private static String againstValidation(long right, long labelled, DomainClassifierCard card, Thresholds thresholds,
            String label) {
        return metrics(card, VALIDATION_SPLIT, thresholds, label)
                .map(validation -> String.format(Locale.ROOT, "%.2f", TwoProportionZ.of(right, labelled,
                        validation.getCorrect(), validation.getPredicted())))
                .orElse("");
    }

    /** The card's metrics of the label on the split, when it gave the label to any sample there. */
    private static Optional<LabelMetrics> metrics(DomainClassifierCard card, String split, Thresholds thresholds, String label) {
        return card.getMetrics().stream()
                .filter(m -> m.getSplit().equals(split) && m.getThresholds().equals(thresholds.toString())
                        && m.getLabel().equals(label) && m.getPredicted() > 0)
                .findFirst();
    }

    private static String format(double precision) {
        return String.format(Locale.ROOT, "%.4f", precision);
    }
}
