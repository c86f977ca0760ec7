package org.clipdg.domains.splits;

import org.clipdg.core.DomainLabels;

/**
 * One sample of a dataset (named, so that a pool of several datasets keeps each sample's): the classifier's probabilities (NaN without a classifier) and labels
 * ({@code ""} without a classifier; {@code labelStrictPool} is {@code ""} until the pool-adjusted
 * thresholds are applied, which they are to the pool's samples only), and its ground truth from
 * ingestion ({@code ""} where unknown).
 */
record LabelledSample(String dataset, String key, float pNatural, float pRendition, String labelDefault, String labelStrict,
        String labelStrictPool, String domain, String domainLabel, String className) {

    /** The ground-truth label: the sample's domain_label, else the label of its domain; "" when unknown. */
    String groundTruthLabel() {
        return domainLabel.isEmpty() ? DomainLabels.labelOf(domain) : domainLabel;
    }

    /** The classifier's probability of a class: p_natural, p_rendition, or what they leave for ambiguous. */
    double probabilityOf(String domainClass) {
        return switch (domainClass) {
            case DomainLabels.NATURAL -> pNatural;
            case DomainLabels.RENDITION -> pRendition;
            case DomainLabels.AMBIGUOUS -> Math.max(0, 1 - (double) pNatural - pRendition);
            default -> throw new IllegalArgumentException("unknown domain class '" + domainClass + "'");
        };
    }

    LabelledSample withLabelStrictPool(String label) {
        return new LabelledSample(dataset, key, pNatural, pRendition, labelDefault, labelStrict, label, domain, domainLabel, className);
    }
}
