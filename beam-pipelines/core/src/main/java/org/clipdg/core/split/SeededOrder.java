package org.clipdg.core.split;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.clipdg.core.Hashing;

/**
 * The order of seeded random subsets: samples sorted by SHA-256 of {@code (seed, dataset, key)}.
 * It depends on nothing but the seed and the sample's identity, so a subset of N is the first N of
 * one fixed order: smaller subsets are nested in larger ones, and runs reproduce it on any machine.
 */
public final class SeededOrder {
    private SeededOrder() {}

    /** The sample's rank key: samples are taken in ascending order of this string. */
    public static String rank(long seed, String dataset, String key) {
        MessageDigest digest = Hashing.sha256();
        digest.update((seed + "\t" + dataset + "\t" + key).getBytes(StandardCharsets.UTF_8));
        return Hashing.hex(digest);
    }
}
