package org.clipdg.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deliberately weak classifier (nearest class centroid on a 16x16 edge-magnitude map) must learn
 * the photo task and transfer to renditions, which share the shapes but not the appearance.
 */
class LearnabilityTest {

    private static final int CELLS = 16;
    private static final List<String> CLASSES = SyntheticSpec.DEFAULT_CLASSES;
    private static final double CHANCE = 1.0 / CLASSES.size();

    private static List<Labelled> photoTrain;

    private record Labelled(int label, float[] features) {}

    @BeforeAll
    static void trainOnPhotos() throws IOException {
        photoTrain = features("photo_val", 0, 200);
    }

    private static List<Labelled> features(String dataset, int from, int to) throws IOException {
        SyntheticGenerator gen = new SyntheticGenerator(SyntheticSpec.read(SpecFiles.file(dataset)), dataset, 11);
        List<Labelled> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            GeneratedSample s = gen.generate(i);
            out.add(new Labelled(CLASSES.indexOf(s.className()), edgeMap(s.image())));
        }
        return out;
    }

    /** Gradient magnitude of the luminance, pooled into CELLS x CELLS and standardised per image. */
    private static float[] edgeMap(BufferedImage image) {
        int n = image.getWidth();
        int[] px = image.getRGB(0, 0, n, n, null, 0, n);
        float[] lum = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            lum[i] = (float) (0.299 * (px[i] >> 16 & 0xFF) + 0.587 * (px[i] >> 8 & 0xFF) + 0.114 * (px[i] & 0xFF));
        }
        float[] f = new float[CELLS * CELLS];
        int cell = n / CELLS;
        for (int y = 1; y < n - 1; y++) {
            for (int x = 1; x < n - 1; x++) {
                float gx = lum[y * n + x + 1] - lum[y * n + x - 1];
                float gy = lum[(y + 1) * n + x] - lum[(y - 1) * n + x];
                f[(y / cell) * CELLS + x / cell] += (float) Math.sqrt(gx * gx + gy * gy);
            }
        }
        double mean = 0;
        for (float v : f) {
            mean += v;
        }
        mean /= f.length;
        double var = 0;
        for (float v : f) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / f.length) + 1e-6;
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) ((f[i] - mean) / sd);
        }
        return f;
    }

    private static double accuracy(List<Labelled> train, List<Labelled> test) {
        float[][] centroids = new float[CLASSES.size()][CELLS * CELLS];
        int[] counts = new int[CLASSES.size()];
        for (Labelled l : train) {
            counts[l.label()]++;
            for (int i = 0; i < l.features().length; i++) {
                centroids[l.label()][i] += l.features()[i];
            }
        }
        int correct = 0;
        for (Labelled l : test) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < centroids.length; c++) {
                double d = 0;
                for (int i = 0; i < l.features().length; i++) {
                    double diff = l.features()[i] - centroids[c][i] / counts[c];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            correct += best == l.label() ? 1 : 0;
        }
        return correct / (double) test.size();
    }

    @Test
    void photosAreLearnable() throws IOException {
        double acc = accuracy(photoTrain, features("photo_val", 200, 400));
        assertTrue(acc > 3 * CHANCE, "photo accuracy " + acc);
    }

    @Test
    void shiftedPhotosStayLearnable() throws IOException {
        double acc = accuracy(photoTrain, features("photo_v2", 200, 400));
        assertTrue(acc > 3 * CHANCE, "photo_v2 accuracy " + acc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sketch", "clipart", "painting"})
    void photoClassifierTransfersToRenditions(String dataset) throws IOException {
        double acc = accuracy(photoTrain, features(dataset, 200, 400));
        assertTrue(acc > 2 * CHANCE, dataset + " accuracy " + acc);
    }

    /** Control: the same pipeline with labels that do not match the images stays near chance. */
    @Test
    void scrambledLabelsAreNotLearnable() throws IOException {
        List<Labelled> scrambled = new ArrayList<>();
        for (int i = 0; i < photoTrain.size(); i++) {
            Labelled l = photoTrain.get(i);
            scrambled.add(new Labelled((l.label() + i / CLASSES.size()) % CLASSES.size(), l.features()));
        }
        double acc = accuracy(scrambled, features("photo_val", 200, 400));
        assertTrue(acc < 2 * CHANCE, "scrambled accuracy " + acc);
    }
}
