package org.clipdg.report.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.Fixtures;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.IngestedFixtures;
import org.clipdg.schema.PoolNeighbour;
import org.clipdg.schema.TestPointSimilarity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeighbourGridTest {
    @TempDir
    Path dir;

    @Test
    void eachSampledTestImageBesideItsNearestPoolImages() throws Exception {
        Path sketch = IngestedFixtures.write(dir.resolve("sketch"), "sketch", "test", "sketch", List.of(),
                List.of(IngestedFixtures.sample("sketch", "s1", "circle", "sketch", "rendition")),
                Map.of("s1", Fixtures.png(Color.RED)), 10);
        Path pool = IngestedFixtures.write(dir.resolve("pool"), "pool", "pool", "", List.of(),
                List.of(IngestedFixtures.sample("pool", "p1", "circle", "photo", "natural"),
                        IngestedFixtures.sample("pool", "p2", "circle", "photo", "natural")),
                Map.of("p1", Fixtures.png(Color.GREEN), "p2", Fixtures.png(Color.BLUE)), 10);
        Path neighbours = dir.resolve("test_neighbours.avro");
        try (AvroRecordFile.Writer<TestPointSimilarity> writer = AvroRecordFile.create(neighbours, TestPointSimilarity.getClassSchema(),
                "test")) {
            writer.append(new TestPointSimilarity("sketch", "s1", 0.8f, "r1",
                    List.of(new PoolNeighbour("pool", "p2", 0.99f), new PoolNeighbour("pool", "p1", 0.95f))));
            writer.commit();
        }

        List<Figure> figures = NeighbourGrid.of(neighbours,
                Map.of("sketch", IngestedDataset.open(sketch), "pool", IngestedDataset.open(pool)), 4, 5, 42);
        assertEquals(List.of("neighbours-sketch"), figures.stream().map(Figure::name).toList());
        Figure grid = figures.get(0);
        BufferedImage image = new BufferedImage(grid.width(), grid.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        grid.drawing().draw(g, new Rectangle(grid.width(), grid.height()));
        g.dispose();
        // Row 1: the test image (red), then its neighbours by similarity: p2 (blue), p1 (green); corners, the
        // fixtures have a black disc in the middle.
        assertEquals(Color.RED.getRGB(), image.getRGB(10 + 6, 10 + 6));
        assertEquals(Color.BLUE.getRGB(), image.getRGB(10 + 112 + 6, 10 + 6));
        assertEquals(Color.GREEN.getRGB(), image.getRGB(10 + 2 * 112 + 6, 10 + 6));
        assertNotEquals(Color.GREEN.getRGB(), image.getRGB(10 + 3 * 112 + 6, 10 + 6), "only two neighbours known");
    }
}
