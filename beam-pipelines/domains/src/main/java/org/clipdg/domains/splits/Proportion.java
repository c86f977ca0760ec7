package org.clipdg.domains.splits;

/**
 * A proportion as successes of trials. Of importance-weighted samples it is the weighted share with
 * Kish's effective number of trials, {@code (sum w)^2 / sum w^2}: as many unweighted samples would
 * give it the same sampling error.
 */
record Proportion(double successes, double trials) {
    static Proportion ofCounts(long successes, long trials) {
        return new Proportion(successes, trials);
    }

    /** @param weightedSuccesses the weight of the successes, of {@code weightSum} in all */
    static Proportion weighted(double weightedSuccesses, double weightSum, double weightSquareSum) {
        double trials = weightSum * weightSum / weightSquareSum;
        return new Proportion(weightedSuccesses / weightSum * trials, trials);
    }

    double value() {
        return successes / trials;
    }
}
