package org.clipdg.domains.splits;

import java.util.Optional;
import org.clipdg.schema.DomainClassifierCard;
import org.clipdg.schema.LabelMetrics;

/** The precision of a label set on the labelled data's held-out splits, the baseline of composition.tsv's precisions. */
@FunctionalInterface
interface HeldOutPrecision {
    /** The precision of {@code label} on {@code split} (validation or test); empty when no sample there got the label. */
    Optional<Proportion> of(String split, String label);

    /** The counts in the card's metrics for the named threshold set. */
    static HeldOutPrecision ofCard(DomainClassifierCard card, String thresholds) {
        return (split, label) -> card.getMetrics().stream()
                .filter(m -> m.getSplit().equals(split) && m.getThresholds().equals(thresholds) && m.getLabel().equals(label)
                        && m.getPredicted() > 0)
                .findFirst()
                .map((LabelMetrics m) -> Proportion.ofCounts(m.getCorrect(), m.getPredicted()));
    }
}
