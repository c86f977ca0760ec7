package org.clipdg.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PruningRulesTest {
    /** Pool x0..x4 in dataset "pool"; test sets A and B. */
    private static PoolScores pool(float[] scoresA, float[] scoresB, boolean[] matchedA, boolean[] matchedB) {
        String[] keys = {"x0", "x1", "x2", "x3", "x4"};
        String[] datasets = new String[keys.length];
        Arrays.fill(datasets, "pool");
        return new PoolScores(List.of("A", "B"), datasets, keys, new float[][] {scoresA, scoresB},
                new boolean[][] {matchedA, matchedB});
    }

    private static final PoolScores POOL = pool(
            new float[] {0.9f, 0.5f, 0.5f, 0.1f, 0.7f},
            new float[] {0.2f, 0.8f, 0.3f, 0.3f, 0.1f},
            new boolean[] {true, false, false, false, true},
            new boolean[] {false, true, false, false, true});

    @Test
    void similarityMatchedRemovesWhatAnyChosenTestSetMatchesAndCombinedIsTheUnion() {
        assertArrayEquals(new int[] {1, 2, 3}, PruningRules.similarityMatched(POOL, List.of("A")));
        assertArrayEquals(new int[] {0, 2, 3}, PruningRules.similarityMatched(POOL, List.of("B")));
        assertArrayEquals(new int[] {2, 3}, PruningRules.similarityMatched(POOL, List.of("A", "B")));
    }

    @Test
    void nearPrunedKeepsTheLowestScoresAndFarPrunedTheHighestTiesByKey() {
        // Scores over A: x3 0.1, x1 0.5, x2 0.5, x4 0.7, x0 0.9. x1 and x2 tie: x1 first.
        assertArrayEquals(new int[] {1, 3}, PruningRules.nearPruned(POOL, List.of("A"), 2));
        assertArrayEquals(new int[] {0, 4}, PruningRules.farPruned(POOL, List.of("A"), 2));
        assertArrayEquals(new int[] {0, 1, 4}, PruningRules.farPruned(POOL, List.of("A"), 3));
    }

    @Test
    void multiSetScoresAreTheMaxOverTheChosenSets() {
        assertArrayEquals(new float[] {0.9f, 0.8f, 0.5f, 0.3f, 0.7f}, PruningRules.score(POOL, List.of("A", "B")));
        assertArrayEquals(new int[] {2, 3}, PruningRules.nearPruned(POOL, List.of("A", "B"), 2));
    }

    @Test
    void targetSizesAtTheEdgesAndBeyondThePool() {
        assertEquals(0, PruningRules.nearPruned(POOL, List.of("A"), 0).length);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, PruningRules.farPruned(POOL, List.of("A"), 5));
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> PruningRules.nearPruned(POOL, List.of("A"), 6));
        assertTrue(tooBig.getMessage().contains("pool size 5"), tooBig.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PruningRules.nearPruned(POOL, List.of("C"), 1));
        assertTrue(unknown.getMessage().contains("no test set 'C'"), unknown.getMessage());
    }

    @Test
    void anEmptyTestSetMatchesNothingAndScoresEverySampleAlike() {
        PoolScores empty = pool(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, new float[5], new boolean[5], new boolean[5]);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, PruningRules.similarityMatched(empty, List.of("A")));
        assertArrayEquals(new int[] {0, 1}, PruningRules.nearPruned(empty, List.of("A"), 2), "all tie: key order");
    }

    @Test
    void randomSubsetsAreSeededAndIndependentOfPoolOrder() {
        int[] first = PruningRules.random(POOL, 3, 7);
        assertArrayEquals(first, PruningRules.random(POOL, 3, 7));
        assertEquals(3, first.length);
        boolean differs = false;
        for (long seed = 8; seed < 20 && !differs; seed++) {
            differs = !Arrays.equals(first, PruningRules.random(POOL, 3, seed));
        }
        assertTrue(differs, "another seed draws another subset");
        PoolScores reversed = new PoolScores(POOL.testSets(), new String[] {"pool", "pool", "pool", "pool", "pool"},
                new String[] {"x4", "x3", "x2", "x1", "x0"}, POOL.scores(), POOL.matched());
        List<String> keys = Arrays.stream(first).mapToObj(x -> POOL.keys()[x]).sorted().toList();
        List<String> keysReversed = Arrays.stream(PruningRules.random(reversed, 3, 7)).mapToObj(x -> reversed.keys()[x]).sorted().toList();
        assertEquals(keys, keysReversed);
        assertFalse(keys.isEmpty());
    }
}
