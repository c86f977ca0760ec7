package org.clipdg.prune;

import java.util.Locale;

/** A pruned split's size: a count ({@code 4000}) or a share of the pool ({@code 25%}). */
public record TargetSize(int count, double percent) {

    /** @throws IllegalArgumentException naming the text when it is neither a count nor a percentage in (0, 100] */
    public static TargetSize parse(String text) {
        String value = text.strip();
        try {
            if (value.endsWith("%")) {
                double percent = Double.parseDouble(value.substring(0, value.length() - 1));
                if (percent > 0 && percent <= 100) {
                    return new TargetSize(-1, percent);
                }
            } else if (Integer.parseInt(value) >= 0) {
                return new TargetSize(Integer.parseInt(value), Double.NaN);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "target size '%s': expected a number of samples (4000) or a share of the pool (25%%)", text));
    }

    /** The number of samples kept from a pool of {@code poolSize}; a share is rounded to the nearest sample. */
    public int resolve(int poolSize) {
        return count >= 0 ? count : (int) Math.round(poolSize * percent / 100);
    }
}
