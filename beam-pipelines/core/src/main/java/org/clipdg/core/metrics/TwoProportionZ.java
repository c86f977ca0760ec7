package org.clipdg.core.metrics;

/**
 * The pooled two-proportion z statistic: how far one binomial proportion lies from a baseline, in
 * standard errors of their difference under the hypothesis that both share one proportion.
 */
public final class TwoProportionZ {
    private TwoProportionZ() {}

    /**
     * {@code (p - q) / sqrt(r(1-r)(1/n + 1/m))} with {@code p = successes / trials}, {@code q = baselineSuccesses
     * / baselineTrials} and the pooled {@code r = (successes + baselineSuccesses) / (trials + baselineTrials)}. When
     * every trial of both succeeded, or none did, the proportions are equal and z is 0. Counts may be
     * effective counts (of importance-weighted samples: Kish's {@code (sum w)^2 / sum w^2} trials),
     * hence doubles.
     *
     * @throws IllegalArgumentException if a trial count is below 1 or its successes are outside [0, trials]
     */
    public static double of(double successes, double trials, double baselineSuccesses, double baselineTrials) {
        requireCounts(successes, trials);
        requireCounts(baselineSuccesses, baselineTrials);
        double pooled = (successes + baselineSuccesses) / (trials + baselineTrials);
        double variance = pooled * (1 - pooled) * (1 / trials + 1 / baselineTrials);
        if (variance == 0) {
            return 0;
        }
        return (successes / trials - baselineSuccesses / baselineTrials) / Math.sqrt(variance);
    }

    private static void requireCounts(double successes, double trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("a proportion needs at least one trial, got " + trials);
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be in [0, " + trials + "], got " + successes);
        }
    }
}
