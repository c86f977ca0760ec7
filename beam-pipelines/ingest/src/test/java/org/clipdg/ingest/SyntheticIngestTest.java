package org.clipdg.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clipdg.core.samplesheet.Format;
import org.clipdg.core.samplesheet.Role;
import org.clipdg.ingest.source.SyntheticSource;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.SampleMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticIngestTest {
    @TempDir
    Path dir;

    private Path spec() throws Exception {
        return Files.writeString(dir.resolve("pool.json"), """
                {"size": 40, "domains": {"photo": 0.5, "mixed": 0.2, "sketch": 0.1, "clipart": 0.1, "painting": 0.1},
                 "p_common": 0.8, "caption_domain_dropout": 0.3, "image_size": 32}
                """);
    }

    private IngestManifest ingest(String dataset, long seed, int threads, String out) throws Exception {
        SyntheticSource source = new SyntheticSource(spec(), dataset, List.of("circle", "star", "moon"), seed, 0.5);
        return IngestTesting.ingest(source, IngestTesting.settings(dataset, Role.POOL, Format.SYNTHETIC, threads), dir.resolve(out));
    }

    @Test
    void outputIsByteIdenticalWhateverTheThreadCount() throws Exception {
        IngestManifest one = ingest("pool", 7, 1, "one");
        IngestManifest two = ingest("pool", 7, 2, "two");
        assertEquals(one, two);
        assertArrayEquals(Files.readAllBytes(dir.resolve("one/manifest.json")), Files.readAllBytes(dir.resolve("two/manifest.json")));
        assertEquals(20, one.getNumSamples(), "size 40 at scale 0.5");
        assertEquals(List.of("circle", "star", "moon"), one.getClasses());
        assertEquals(one.getCountsByClass().keySet(), java.util.Set.of("circle", "star", "moon"));
        assertEquals("pool.json", one.getInputs().get(0).getPath());
    }

    @Test
    void seedAndDatasetNameChangeTheImages() throws Exception {
        IngestManifest base = ingest("pool", 7, 2, "base");
        assertNotEquals(base.getShards().get(0).getSha256(), ingest("pool", 8, 2, "seed").getShards().get(0).getSha256());
        assertNotEquals(base.getShards().get(0).getSha256(), ingest("pool2", 7, 2, "name").getShards().get(0).getSha256());
    }

    @Test
    void recordsCarryGroundTruthFactors() throws Exception {
        IngestManifest manifest = ingest("pool", 7, 2, "out");
        List<SampleMetadata> records = IngestTesting.metadata(dir.resolve("out"), manifest);
        assertEquals("pool_0000000", records.get(0).getKey());
        for (SampleMetadata record : records) {
            assertTrue(List.of("circle", "star", "moon").contains(record.getClassName()), record.toString());
            assertTrue(List.of("natural", "rendition", "ambiguous").contains(record.getDomainLabel()), record.toString());
            assertTrue(List.of("common", "counter").contains(record.getGroup()), record.toString());
            assertTrue(!record.getBackground().isEmpty() && !record.getFactors().isEmpty(), record.toString());
            assertEquals(32, record.getWidth());
        }
    }
}
