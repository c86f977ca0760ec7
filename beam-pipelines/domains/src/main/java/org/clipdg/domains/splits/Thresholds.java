package org.clipdg.domains.splits;

/** The classifier's two label sets (STUDY.md, "Domain labelling"): argmax, and the strict per-class thresholds. */
enum Thresholds {
    DEFAULT("default"),
    STRICT("strict");

    private final String optionName;

    Thresholds(String optionName) {
        this.optionName = optionName;
    }

    static Thresholds parse(String name) {
        for (Thresholds thresholds : values()) {
            if (thresholds.optionName.equals(name)) {
                return thresholds;
            }
        }
        throw new IllegalArgumentException("--thresholds must be 'strict' or 'default', got '" + name + "'");
    }

    /** The sample's label under these thresholds. */
    String labelOf(LabelledSample sample) {
        return this == STRICT ? sample.labelStrict() : sample.labelDefault();
    }

    /** The name used in options, card metrics and output tables. */
    @Override
    public String toString() {
        return optionName;
    }
}
