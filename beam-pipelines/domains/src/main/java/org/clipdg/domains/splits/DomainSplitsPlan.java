package org.clipdg.domains.splits;

import java.util.List;

/**
 * Which splits to make.
 *
 * @param mixTotal total of every mixture; 0: the largest that every ratio can meet
 * @param naturalBase naturals kept in the added-rendition splits; 0: all
 * @param mixtureDomains test domains of the domain-mixture splits; null: every rendition domain of the pool
 * @param heldOutClasses C of the domain-mixture splits; null: a seeded half of the pool's classes
 */
record DomainSplitsPlan(Thresholds thresholds, List<MixRatio> ratios, int mixTotal, List<Integer> addRenditions,
        int naturalBase, List<String> mixtureDomains, List<String> heldOutClasses, long seed) {
    DomainSplitsPlan {
        if (mixTotal < 0) {
            throw new IllegalArgumentException("--mix-total must be >= 0, got " + mixTotal);
        }
        if (naturalBase < 0) {
            throw new IllegalArgumentException("--natural-base must be >= 0, got " + naturalBase);
        }
    }
}
