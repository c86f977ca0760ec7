package org.clipdg.evaluate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.clipdg.core.metrics.Interval;
import org.junit.jupiter.api.Test;

/** Wilson bounds from the formula evaluated in Python with SciPy's normal quantile. */
class SimilarityBinsTest {
    private static void assertBin(SimilarityBins.Bin bin, double lower, double upper, int count, int correct) {
        assertEquals(lower, bin.lower(), 1e-12, "lower");
        assertEquals(upper, bin.upper(), 1e-12, "upper");
        assertEquals(count, bin.count(), "count of " + bin);
        assertEquals(correct, bin.correct(), "correct of " + bin);
        assertEquals((double) correct / count, bin.accuracy(), 1e-15, "accuracy of " + bin);
    }

    @Test
    void fixedEdgesCountValuesOutsideApart() {
        double[] similarity = {-0.1, 0.0, 0.2, 0.5, 0.7, 1.0, 1.2};
        boolean[] correct = {true, true, false, true, true, false, true};

        SimilarityBins bins = SimilarityBins.withEdges(new double[] {0.0, 0.5, 1.0}, similarity, correct);

        List<SimilarityBins.Bin> list = bins.bins();
        assertEquals(2, list.size());
        assertBin(list.get(0), 0.0, 0.5, 2, 1);
        assertBin(list.get(1), 0.5, 1.0, 3, 2);
        assertEquals(0.09453120573423074, list.get(0).interval().low(), 1e-12);
        assertEquals(0.9054687942657693, list.get(0).interval().high(), 1e-12);
        assertEquals(0.20765960080204765, list.get(1).interval().low(), 1e-12);
        assertEquals(0.9385080552796037, list.get(1).interval().high(), 1e-12);
        assertEquals(1, bins.belowFirstEdge());
        assertEquals(1, bins.aboveLastEdge());
    }

    @Test
    void emptyFixedBinHasNoAccuracyAndTheWholeUnitInterval() {
        SimilarityBins bins = SimilarityBins.withEdges(new double[] {0, 1, 2, 3}, new double[] {0.5, 2.5, -0.0},
                new boolean[] {true, false, true});
        SimilarityBins.Bin empty = bins.bins().get(1);
        assertEquals(0, empty.count());
        assertEquals(Double.NaN, empty.accuracy());
        assertEquals(new Interval(0, 1), empty.interval());
        assertBin(bins.bins().get(0), 0, 1, 2, 2);
        assertBin(bins.bins().get(2), 2, 3, 1, 0);
        assertEquals(0, bins.belowFirstEdge());
    }

    @Test
    void quantileEdgesInterpolateLinearly() {
        // 1..10 shuffled; type-7 quartiles are 1, 3.25, 5.5, 7.75, 10 (as numpy.quantile gives).
        double[] similarity = {7, 3, 10, 1, 8, 5, 2, 9, 6, 4};
        boolean[] correct = new boolean[similarity.length];
        for (int i = 0; i < similarity.length; i++) {
            correct[i] = similarity[i] % 2 == 0;
        }

        SimilarityBins bins = SimilarityBins.byQuantile(4, similarity, correct);

        List<SimilarityBins.Bin> list = bins.bins();
        assertEquals(4, list.size());
        assertBin(list.get(0), 1, 3.25, 3, 1);
        assertBin(list.get(1), 3.25, 5.5, 2, 1);
        assertBin(list.get(2), 5.5, 7.75, 2, 1);
        assertBin(list.get(3), 7.75, 10, 3, 2);
        assertEquals(0.06149194472039615, list.get(0).interval().low(), 1e-12);
        assertEquals(0.7923403991979523, list.get(0).interval().high(), 1e-12);
        assertEquals(0, bins.belowFirstEdge());
        assertEquals(0, bins.aboveLastEdge());
    }

    @Test
    void duplicateQuantileEdgesCollapse() {
        // Quartiles of {1, 1, 1, 1, 2, 3, 4, 5, 6} are 1, 1, 2, 4, 6.
        double[] similarity = {1, 1, 1, 1, 2, 3, 4, 5, 6};
        boolean[] correct = {true, true, false, false, true, true, false, false, true};

        List<SimilarityBins.Bin> list = SimilarityBins.byQuantile(4, similarity, correct).bins();

        assertEquals(3, list.size());
        assertBin(list.get(0), 1, 2, 4, 2);
        assertBin(list.get(1), 2, 4, 2, 2);
        assertBin(list.get(2), 4, 6, 3, 1);
    }

    @Test
    void equalValuesMakeOneClosedBin() {
        SimilarityBins bins =
                SimilarityBins.byQuantile(5, new double[] {0.4, 0.4, 0.4}, new boolean[] {true, false, true});
        assertEquals(1, bins.bins().size());
        assertBin(bins.bins().get(0), 0.4, 0.4, 3, 2);
    }

    @Test
    void rejectsBadEdgesAndInputs() {
        double[] values = {0.5};
        boolean[] correct = {true};
        assertThrows(IllegalArgumentException.class, () -> SimilarityBins.withEdges(new double[] {0}, values, correct));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityBins.withEdges(new double[] {0, 0.5, 0.5, 1}, values, correct));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityBins.withEdges(new double[] {1, 0}, values, correct));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityBins.withEdges(new double[] {0, Double.NaN}, values, correct));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityBins.withEdges(new double[] {0, 1}, values, new boolean[2]));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityBins.byQuantile(2, new double[] {Double.NaN}, correct));
        assertThrows(IllegalArgumentException.class, () -> SimilarityBins.byQuantile(0, values, correct));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityBins.byQuantile(2, new double[0], new boolean[0]));
    }
}
