package org.clipdg.core.metrics;

/** The Wilson score interval for a binomial proportion (Wilson 1927). */
public final class WilsonInterval {
    private WilsonInterval() {}

    /**
     * The Wilson score interval with {@code z = NormalQuantile.twoSided(confidence)}, {@code p = successes / trials}:
     * {@code (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)}. With no successes the lower bound is exactly 0,
     * with only successes the upper bound is exactly 1 (the formula reaches them only up to rounding).
     *
     * @param successes in [0, trials]
     * @param trials at least 1
     * @param confidence in (0, 1), e.g. 0.95
     * @throws IllegalArgumentException if trials < 1, successes is outside [0, trials] or confidence outside (0, 1)
     */
    public static Interval of(long successes, long trials, double confidence) {
        if (trials < 1) {
            throw new IllegalArgumentException("Wilson interval needs at least one trial, got " + trials);
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be in [0, " + trials + "], got " + successes);
        }
        double z = NormalQuantile.twoSided(confidence);
        double n = trials;
        double p = successes / n;
        double zz = z * z;
        double denominator = 1 + zz / n;
        double centre = (p + zz / (2 * n)) / denominator;
        double halfWidth = z / denominator * Math.sqrt(p * (1 - p) / n + zz / (4 * n * n));
        double low = successes == 0 ? 0 : centre - halfWidth;
        double high = successes == trials ? 1 : centre + halfWidth;
        return new Interval(low, high);
    }
}
