package org.clipdg.core;

/**
 * Names of the domain classifier's label sets (docs/science.md, "Domain labelling"), shared by the
 * classifier card's metrics, the domain-splits step's tables and the report.
 */
public final class DomainThresholdSets {
    /** The class of highest probability. */
    public static final String DEFAULT = "default";
    /** Per-class thresholds whose precision reaches the target on the labelled data's validation split. */
    public static final String STRICT = "strict";
    /** The same target, reached at the pool's estimated domain prevalence: the validation split importance-weighted to it. */
    public static final String STRICT_POOL = "strict_pool";
    /** Not a threshold set: the samples' known domains, in rows beside the classifier's. */
    public static final String GROUND_TRUTH = "ground_truth";

    private DomainThresholdSets() {}
}
