package org.clipdg.core;

import java.util.ArrayList;
import java.util.List;

/**
 * composition.tsv, written by the domain-splits step and read by the report: one row per dataset and
 * label set ({@link DomainThresholdSets}), with the share of each domain label, the classifier's
 * held-out precision and the precision against the samples' ground truth.
 */
public final class CompositionColumns {
    public static final String FILE = "composition.tsv";
    public static final String DATASET = "dataset";
    public static final String ROLE = "role";
    public static final String THRESHOLDS = "thresholds";
    public static final String SAMPLES = "samples";
    public static final List<String> LABELS = DomainLabels.LABELS;
    /** The labels whose precision is given: the ones a strict threshold decides. */
    public static final List<String> DECIDED_LABELS = List.of(DomainLabels.NATURAL, DomainLabels.RENDITION);
    public static final List<String> HEADER = header();

    private CompositionColumns() {}

    /** Percentage of the samples given {@code label}. */
    public static String percent(String label) {
        return label + "_pct";
    }

    /** The classifier's precision for {@code label} on the labelled data's test split. */
    public static String testPrecision(String label) {
        return "precision_" + label;
    }

    /** Precision for {@code label} against the dataset's ground truth. */
    public static String truthPrecision(String label) {
        return "truth_precision_" + label;
    }

    /** Lower bound of a precision column's 95% interval. */
    public static String low(String precisionColumn) {
        return precisionColumn + "_low";
    }

    public static String high(String precisionColumn) {
        return precisionColumn + "_high";
    }

    /** z of a precision column against the validation split's precision at the same thresholds. */
    public static String z(String precisionColumn) {
        return precisionColumn + "_z";
    }

    private static List<String> header() {
        List<String> header = new ArrayList<>(List.of(DATASET, ROLE, THRESHOLDS, SAMPLES));
        LABELS.forEach(label -> header.add(percent(label)));
        DECIDED_LABELS.forEach(label -> header.add(testPrecision(label)));
        DECIDED_LABELS.forEach(label -> header.add(z(testPrecision(label))));
        for (String label : DECIDED_LABELS) {
            String column = truthPrecision(label);
            header.addAll(List.of(column, low(column), high(column), z(column)));
        }
        return List.copyOf(header);
    }
}
