package org.clipdg.domains.splits;

import org.clipdg.core.DomainLabels;

/**
 * One sample of a dataset: its classifier labels ({@code ""} without a classifier) and its ground
 * truth from ingestion ({@code ""} where unknown).
 */
record LabelledSample(String key, String labelDefault, String labelStrict, String domain, String domainLabel,
        String className) {

    /** The ground-truth label: the sample's domain_label, else the label of its domain; "" when unknown. */
    String groundTruthLabel() {
        return domainLabel.isEmpty() ? DomainLabels.labelOf(domain) : domainLabel;
    }
}
