package org.clipdg.core.samplesheet;

import java.util.Locale;

/** What a dataset is in a study (see docs/science.md: L, R, T and the domain classifier's data). */
public enum Role {
    /** The training pool (LAION's role). */
    POOL,
    /** The reference training set that defines similarity thresholds (ImageNet-train's role). */
    REFERENCE,
    TEST,
    /** Domain-labelled images for the natural-vs-rendition classifier. */
    LABELLED;

    /** Whether a CLIP trains on the dataset (the pool, and the reference set for the study's own reference CLIP). */
    public boolean trains() {
        return this == POOL || this == REFERENCE;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
