package org.clipdg.domains.splits;

import java.util.List;
import org.clipdg.core.DomainThresholdSets;

/**
 * The classifier's label sets (docs/science.md, "Domain labelling"): argmax; the strict per-class
 * thresholds calibrated on the labelled data; and, on the pool only, the strict thresholds adjusted
 * to the pool's estimated domain prevalence.
 */
enum Thresholds {
    DEFAULT(DomainThresholdSets.DEFAULT),
    STRICT(DomainThresholdSets.STRICT),
    STRICT_POOL(DomainThresholdSets.STRICT_POOL);

    /** The sets --thresholds chooses between for the pool's subsets. */
    private static final List<Thresholds> OPTIONS = List.of(STRICT_POOL, STRICT, DEFAULT);

    private final String setName;

    Thresholds(String setName) {
        this.setName = setName;
    }

    static Thresholds parse(String name) {
        for (Thresholds thresholds : OPTIONS) {
            if (thresholds.setName.equals(name)) {
                return thresholds;
            }
        }
        throw new IllegalArgumentException("--thresholds must be 'strict_pool', 'strict' or 'default', got '" + name + "'");
    }

    /** The sample's label under these thresholds. */
    String labelOf(LabelledSample sample) {
        return switch (this) {
            case DEFAULT -> sample.labelDefault();
            case STRICT -> sample.labelStrict();
            case STRICT_POOL -> sample.labelStrictPool();
        };
    }

    /** Whether a dataset has labels under these thresholds: the pool-adjusted ones are the pool's. */
    boolean appliesTo(DatasetLabels dataset) {
        return this != STRICT_POOL || dataset.isPool();
    }

    /** The name used in options, card metrics and output tables. */
    @Override
    public String toString() {
        return setName;
    }
}
