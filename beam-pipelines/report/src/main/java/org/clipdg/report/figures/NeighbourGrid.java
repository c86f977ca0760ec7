package org.clipdg.report.figures;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.ImageCodec;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.split.SeededOrder;
import org.clipdg.schema.PoolNeighbour;
import org.clipdg.schema.TestPointSimilarity;
import org.jfree.chart.ui.Drawable;

/**
 * The first study's Figure 2: for a seeded sample of each test set's images, the image and its
 * nearest pool samples with their cosine similarities (similarity/test_neighbours.avro, images from
 * the ingested datasets), one grid per test set.
 */
public final class NeighbourGrid {
    private static final int CELL = 112;
    private static final int THUMB = 96;
    private static final int LABEL = 30;

    private NeighbourGrid() {}

    /**
     * @param datasets ingested datasets by name (the test sets and the pool)
     * @param perTestSet sampled test images per grid
     * @param neighbours pool neighbours shown per image
     */
    public static List<Figure> of(Path testNeighbours, Map<String, IngestedDataset> datasets, int perTestSet, int neighbours,
            long seed)
            throws IOException {
        Map<String, List<TestPointSimilarity>> byTestSet = new TreeMap<>();
        AvroRecordFile.forEach(testNeighbours, TestPointSimilarity.class,
                point -> byTestSet.computeIfAbsent(point.getTestSet(), t -> new ArrayList<>()).add(point));
        Map<String, Set<String>> wanted = new HashMap<>();
        Map<String, List<TestPointSimilarity>> sampled = new TreeMap<>();
        byTestSet.forEach((testSet, points) -> {
            if (!datasets.containsKey(testSet)) {
                return;
            }
            List<TestPointSimilarity> chosen = points.stream()
                    .sorted(Comparator.comparing(p -> SeededOrder.rank(seed, testSet, p.getKey()))).limit(perTestSet).toList();
            sampled.put(testSet, chosen);
            for (TestPointSimilarity point : chosen) {
                wanted.computeIfAbsent(testSet, t -> new HashSet<>()).add(point.getKey());
                point.getNeighbours().stream().limit(neighbours)
                        .forEach(n -> wanted.computeIfAbsent(n.getDataset(), d -> new HashSet<>()).add(n.getKey()));
            }
        });
        Map<String, BufferedImage> thumbnails = thumbnails(datasets, wanted);
        List<Figure> figures = new ArrayList<>();
        sampled.forEach((testSet, points) -> {
            Grid grid = new Grid(points, thumbnails, neighbours);
            figures.add(new Figure("neighbours-" + testSet, "Nearest pool neighbours: " + testSet, "Left: " + points.size()
                    + " images of " + testSet + " (a seeded sample); right: their " + neighbours + " most similar pool"
                    + " samples with the cosine similarity in the similarity model's space, and t(q), the test image's"
                    + " similarity to its nearest reference sample.", grid, CELL * (neighbours + 1) + 20,
                    (CELL + LABEL) * points.size() + 20));
        });
        return figures;
    }

    /** "dataset/key" -> thumbnail, reading each dataset that holds a wanted image once. */
    private static Map<String, BufferedImage> thumbnails(Map<String, IngestedDataset> datasets, Map<String, Set<String>> wanted) throws IOException {
        Map<String, BufferedImage> thumbnails = new HashMap<>();
        for (Map.Entry<String, Set<String>> entry : wanted.entrySet()) {
            IngestedDataset dataset = datasets.get(entry.getKey());
            if (dataset == null) {
                continue;
            }
            dataset.forEachSample((metadata, image) -> {
                if (image != null && entry.getValue().contains(metadata.getKey())) {
                    try {
                        thumbnails.put(entry.getKey() + "/" + metadata.getKey(), thumbnail(ImageCodec.decodeRgb(image)));
                    } catch (ImageCodec.CorruptImageException e) {
                        throw new IOException(dataset.name() + ": sample '" + metadata.getKey() + "': " + e.getMessage(), e);
                    }
                }
            });
        }
        return thumbnails;
    }

    private static BufferedImage thumbnail(BufferedImage image) {
        BufferedImage thumbnail = new BufferedImage(THUMB, THUMB, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumbnail.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(image, 0, 0, THUMB, THUMB, null);
        g.dispose();
        return thumbnail;
    }

    private record Grid(List<TestPointSimilarity> points, Map<String, BufferedImage> thumbnails, int neighbours) implements Drawable {
        @Override
        public void draw(Graphics2D g, Rectangle2D area) {
            g.setColor(Color.WHITE);
            g.fill(area);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            for (int row = 0; row < points.size(); row++) {
                TestPointSimilarity point = points.get(row);
                int y = (int) area.getY() + 10 + row * (CELL + LABEL);
                Float threshold = point.getReferenceSimilarity();
                cell(g, 10, y, point.getTestSet() + "/" + point.getKey(), point.getKey(),
                        threshold == null ? "test image" : String.format(Locale.ROOT, "t(q) %.4f", threshold), true);
                List<PoolNeighbour> nearest = point.getNeighbours().stream().limit(neighbours).toList();
                for (int col = 0; col < nearest.size(); col++) {
                    PoolNeighbour n = nearest.get(col);
                    cell(g, 10 + (col + 1) * CELL, y, n.getDataset() + "/" + n.getKey(), n.getKey(),
                            String.format(Locale.ROOT, "%.4f", n.getSimilarity()), false);
                }
            }
        }

        private void cell(Graphics2D g, int x, int y, String id, String key, String label, boolean test) {
            BufferedImage image = thumbnails.get(id);
            if (image != null) {
                g.drawImage(image, x, y, null);
            } else {
                g.setColor(new Color(0xEEEEEE));
                g.fillRect(x, y, THUMB, THUMB);
            }
            g.setColor(test ? new Color(0x0072B2) : new Color(0x999999));
            g.drawRect(x, y, THUMB, THUMB);
            g.setColor(Color.DARK_GRAY);
            g.drawString(shorten(key), x, y + THUMB + 12);
            g.drawString(label, x, y + THUMB + 24);
        }

        private static String shorten(String key) {
            return key.length() <= 17 ? key : "…" + key.substring(key.length() - 16);
        }
    }
}
