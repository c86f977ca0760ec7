package org.clipdg.core.metrics;

/** A closed interval {@code [low, high]}, e.g. a confidence interval for an accuracy. */
public record Interval(double low, double high) {
    /** @throws IllegalArgumentException if {@code low > high} or either bound is NaN */
    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval needs low <= high, got [" + low + ", " + high + "]");
        }
    }

    /** {@code high - low}. */
    public double width() {
        return high - low;
    }

    /** Whether {@code low <= value <= high}. */
    public boolean contains(double value) {
        return low <= value && value <= high;
    }
}
