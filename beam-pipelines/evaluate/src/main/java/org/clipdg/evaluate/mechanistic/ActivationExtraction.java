package org.clipdg.evaluate.mechanistic;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clipdg.core.ImageCodec;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.image.ImagePreprocessor;

/**
 * Runs every image of the test sets through the image tower and collects the class-mean
 * activations of each domain (the sample's ground-truth domain, else its test set's). An image
 * without a class, a domain or a decodable image is skipped and counted by reason, as the
 * embedding step would reject it.
 */
public final class ActivationExtraction {
    static final int BATCH = 32;

    /** The class means, and the images skipped by reason. */
    public record Result(DomainClassMeans means, Map<String, Long> skipped) {}

    private ActivationExtraction() {}

    public static Result run(BlockActivationTower tower, ImagePreprocessor preprocessor, List<IngestedDataset> datasets,
            PrintStream progress) throws IOException {
        DomainClassMeans means = new DomainClassMeans(tower.blocks());
        Map<String, Long> skipped = new TreeMap<>();
        for (IngestedDataset dataset : datasets) {
            Batch batch = new Batch(tower, means);
            long[] seen = {0};
            dataset.forEachSample((sample, image) -> {
                seen[0]++;
                String domain = sample.getDomain().isEmpty() ? dataset.manifest().getDomain() : sample.getDomain();
                String reason = sample.getClassName().isEmpty() ? "no_class" : domain.isEmpty() ? "no_domain"
                        : image == null ? "no_image" : null;
                if (reason == null) {
                    try {
                        batch.add(domain, sample.getClassName(), preprocessor.toChw(ImageCodec.decodeRgb(image)));
                    } catch (ImageCodec.CorruptImageException e) {
                        reason = "undecodable_image";
                    }
                }
                if (reason != null) {
                    skipped.merge(reason, 1L, Long::sum);
                }
            });
            batch.flush();
            progress.printf("[activations] %s: %,d images%n", dataset.name(), seen[0]);
        }
        if (!skipped.isEmpty()) {
            progress.printf("[activations] skipped images by reason: %s%n", skipped);
        }
        return new Result(means, skipped);
    }

    /** Images waiting for one tower run. */
    private static final class Batch {
        private final BlockActivationTower tower;
        private final DomainClassMeans means;
        private final List<float[]> pixels = new ArrayList<>();
        private final List<String> domains = new ArrayList<>();
        private final List<String> classes = new ArrayList<>();

        Batch(BlockActivationTower tower, DomainClassMeans means) {
            this.tower = tower;
            this.means = means;
        }

        void add(String domain, String className, float[] image) throws IOException {
            pixels.add(image);
            domains.add(domain);
            classes.add(className);
            if (pixels.size() == BATCH) {
                flush();
            }
        }

        void flush() throws IOException {
            if (pixels.isEmpty()) {
                return;
            }
            float[][][] activations = tower.run(pixels);
            for (int i = 0; i < pixels.size(); i++) {
                float[][] image = new float[activations.length][];
                for (int b = 0; b < activations.length; b++) {
                    image[b] = activations[b][i];
                }
                means.add(domains.get(i), classes.get(i), image);
            }
            pixels.clear();
            domains.clear();
            classes.clear();
        }
    }
}
