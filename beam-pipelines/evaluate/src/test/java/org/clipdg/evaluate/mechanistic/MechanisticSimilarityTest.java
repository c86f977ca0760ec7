package org.clipdg.evaluate.mechanistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.clipdg.core.metrics.MetricRow;
import org.clipdg.evaluate.EvaluatedModel;
import org.junit.jupiter.api.Test;

/** Domains whose class-mean activations are known to be alike, or not. */
class MechanisticSimilarityTest {
    private static final EvaluatedModel MODEL = new EvaluatedModel("m", "all", "sha", 42);
    private static final List<String> CLASSES = List.of("circle", "moon", "square", "star", "sun", "tree");
    private static final int UNITS = 20;

    private static float[] random(Random random) {
        float[] v = new float[UNITS];
        for (int u = 0; u < UNITS; u++) {
            v[u] = (float) random.nextGaussian();
        }
        return v;
    }

    /** Unit u of "photo" becomes unit (u + 7) mod UNITS, times 3: a permutation and isotropic scaling. */
    private static float[] permutedAndScaled(float[] v) {
        float[] out = new float[UNITS];
        for (int u = 0; u < UNITS; u++) {
            out[(u + 7) % UNITS] = 3 * v[u];
        }
        return out;
    }

    private static Map<String, MetricRow> rows(DomainClassMeans means) {
        return MechanisticSimilarity.of(MODEL, means).stream()
                .collect(Collectors.toMap(r -> r.domain() + " " + r.metric(), r -> r));
    }

    @Test
    void rotatedDomainIsIdenticalAndIndependentOneIsNot() {
        Random random = new Random(3);
        DomainClassMeans means = new DomainClassMeans(List.of("block_0"));
        for (String c : CLASSES) {
            for (int image = 0; image < 3; image++) {
                float[] photo = random(random);
                means.add("photo", c, new float[][] {photo});
                means.add("sketch", c, new float[][] {permutedAndScaled(photo)});
                means.add("noise", c, new float[][] {random(random)});
            }
        }
        Map<String, MetricRow> rows = rows(means);
        assertEquals(1.0, rows.get("photo|sketch cka_block_0").value(), 1e-9);
        assertEquals(CLASSES.size(), rows.get("photo|sketch cka_block_0").n());
        assertTrue(Math.abs(rows.get("noise|photo cka_block_0").value()) < 0.5, rows.get("noise|photo cka_block_0").toString());
        assertEquals("*", rows.get("photo|sketch cka_block_0").testSet());
        assertTrue(Double.isNaN(rows.get("photo|sketch cka_block_0").ciLow()));
        assertEquals(6, rows.size(), "three pairs, CKA and overlap each: " + rows.keySet());
    }

    @Test
    void neuronOverlapComparesTheTopTenPercentUnits() {
        DomainClassMeans means = new DomainClassMeans(List.of("block_0"));
        float[] strong = new float[UNITS];
        strong[0] = 5;
        strong[1] = 4;
        float[] shifted = new float[UNITS];
        shifted[1] = 5;
        shifted[2] = 4;
        for (String c : CLASSES) {
            means.add("photo", c, new float[][] {strong});
            means.add("painting", c, new float[][] {strong});
            means.add("sketch", c, new float[][] {shifted});
        }
        Map<String, MetricRow> rows = rows(means);
        assertEquals(1.0, rows.get("painting|photo neuron_overlap_block_0").value(), 1e-12);
        assertEquals(1.0 / 3, rows.get("photo|sketch neuron_overlap_block_0").value(), 1e-12, "top sets {0,1} and {1,2}");
    }

    @Test
    void ckaNeedsFourSharedClassesAndPairsWithoutSharedClassesAreLeftOut() {
        Random random = new Random(5);
        DomainClassMeans means = new DomainClassMeans(List.of("block_0", "block_1"));
        for (String c : CLASSES.subList(0, 3)) {
            means.add("photo", c, new float[][] {random(random), random(random)});
            means.add("quickdraw", c, new float[][] {random(random), random(random)});
        }
        means.add("clipart", "tree", new float[][] {random(random), random(random)});
        assertEquals(List.of("clipart", "photo", "quickdraw"), List.copyOf(means.domains()));
        List<String> metrics = MechanisticSimilarity.of(MODEL, means).stream().map(r -> r.domain() + " " + r.metric() + " " + r.n()).toList();
        assertEquals(List.of("photo|quickdraw neuron_overlap_block_0 3", "photo|quickdraw neuron_overlap_block_1 3"), metrics);
    }
}
