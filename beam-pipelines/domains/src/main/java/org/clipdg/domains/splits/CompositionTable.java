package org.clipdg.domains.splits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.CompositionColumns;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.DomainThresholdSets;
import org.clipdg.core.metrics.Interval;
import org.clipdg.core.metrics.TwoProportionZ;
import org.clipdg.core.metrics.WilsonInterval;
import org.clipdg.domains.classifier.DataSplit;

/**
 * composition.tsv (docs/science.md, "Domain labelling"; columns in {@link CompositionColumns}): per dataset,
 * % natural / ambiguous / rendition under each label set with its precision on the labelled data's
 * test split, and a ground_truth row where the samples' domains are known (its samples column counts
 * only those). Where they are, each label set's row also gives its labels' precision against them:
 * on every dataset but the labelled ones, precision on images the classifier never saw, at that
 * dataset's own domain mix, with its 95% Wilson interval. The strict thresholds are set where the
 * validation precision reaches the target, so a fresh sample's precision scatters around the target,
 * below it about half the time; each precision's {@code _z} column says whether it falls short by
 * more than chance: its pooled two-proportion z against the validation split's precision at the same
 * thresholds, which counts the sampling error of both. The pool's strict_pool rows weigh the held-out
 * splits to the pool's estimated prevalence ({@link PoolAdjustment}), with effective counts. Without a
 * classifier only the ground_truth rows are written.
 */
final class CompositionTable {
    private static final double CONFIDENCE = 0.95;
    private static final List<String> NO_TRUTH = List.of("", "", "", "");

    private CompositionTable() {}

    static void write(Path file, List<DatasetLabels> datasets, Map<Thresholds, HeldOutPrecision> labelSets) throws IOException {
        AtomicFiles.writeString(file, tsv(datasets, labelSets));
    }

    /** @param labelSets the classifier's label sets, in row order, each with its held-out precision; empty without one */
    static String tsv(List<DatasetLabels> datasets, Map<Thresholds, HeldOutPrecision> labelSets) {
        StringBuilder tsv = new StringBuilder(String.join("\t", CompositionColumns.HEADER)).append('\n');
        for (DatasetLabels dataset : datasets) {
            labelSets.forEach((thresholds, heldOut) -> {
                if (!thresholds.appliesTo(dataset)) {
                    return;
                }
                List<String> precisions = new ArrayList<>();
                CompositionColumns.DECIDED_LABELS.forEach(label -> precisions.add(
                        heldOut.of(DataSplit.TEST, label).map(p -> format(p.value())).orElse("")));
                CompositionColumns.DECIDED_LABELS.forEach(label -> precisions.add(heldOut.of(DataSplit.TEST, label)
                        .map(test -> againstValidation(test, heldOut, label)).orElse("")));
                CompositionColumns.DECIDED_LABELS.forEach(label -> precisions.addAll(truthPrecision(dataset, thresholds,
                        heldOut, label)));
                row(tsv, dataset, thresholds.toString(), counts(dataset, thresholds::labelOf), precisions);
            });
            long[] truth = counts(dataset, LabelledSample::groundTruthLabel);
            if (truth[0] + truth[1] + truth[2] > 0) {
                row(tsv, dataset, DomainThresholdSets.GROUND_TRUTH, truth,
                        Collections.nCopies(4 + 2 * NO_TRUTH.size(), ""));
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
    private static List<String> truthPrecision(DatasetLabels dataset, Thresholds thresholds, HeldOutPrecision heldOut,
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
                againstValidation(Proportion.ofCounts(right, labelled), heldOut, label));
    }

    /** z of a precision against the validation precision at the same thresholds; "" when validation gave none the label. */
    private static String againstValidation(Proportion precision, HeldOutPrecision heldOut, String label) {
        return heldOut.of(DataSplit.VALIDATION, label)
                .map(validation -> String.format(Locale.ROOT, "%.2f", TwoProportionZ.of(precision.successes(),
                        precision.trials(), validation.successes(), validation.trials())))
                .orElse("");
    }

    private static String format(double precision) {
        return String.format(Locale.ROOT, "%.4f", precision);
    }
}
