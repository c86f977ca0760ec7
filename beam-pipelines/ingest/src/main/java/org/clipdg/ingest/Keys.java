package org.clipdg.ingest;

import java.util.regex.Pattern;

/** Sample keys: WebDataset member stems, so dot-free and filesystem-safe. */
public final class Keys {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_-]");

    private Keys() {}

    /** Replaces every character outside {@code [A-Za-z0-9_-]} with '_'; collisions surface as duplicate keys. */
    public static String sanitize(String raw) {
        return UNSAFE.matcher(raw).replaceAll("_");
    }

    public static String indexed(String prefix, long index) {
        return sanitize(prefix) + "_" + String.format("%07d", index);
    }
}
