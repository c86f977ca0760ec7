package org.clipdg.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.clipdg.core.Fixtures;
import org.clipdg.core.Hashing;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.samplesheet.Format;
import org.clipdg.core.samplesheet.Role;
import org.clipdg.ingest.source.WebDatasetSource;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.SampleMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebDatasetIngestTest {
    @TempDir
    Path dir;

    /** Two shards holding one of each bad-input case, the second cut short. */
    private List<Path> badShards() throws Exception {
        Path first = Fixtures.tar(dir.resolve("00000.tar"), Fixtures.members(
                "000.jpg", Fixtures.jpeg(Color.RED), "000.txt", "a red thing",
                "000.json", "{\"class\": \"star\", \"domain\": \"photo\", \"url\": \"http://x\", \"status\": \"success\"}",
                "001.jpg", Fixtures.truncated(Fixtures.jpeg(Color.BLUE), 0.5), "001.txt", "corrupt image",
                "002.png", Fixtures.png(Color.GREEN),
                "003.txt", "no image at all",
                "004.png", Fixtures.png(Color.GRAY), "004.txt", "bad metadata", "004.json", "{not json",
                "005.webp.png", Fixtures.png(Color.PINK), "005.txt", "multi-dot member",
                "006.png", Fixtures.png(Color.RED), "006.png", Fixtures.png(Color.BLUE), "006.txt", "repeated member"));
        Path second = Fixtures.tar(dir.resolve("00001.tar"), Fixtures.members(
                "000.png", Fixtures.png(Color.YELLOW), "000.txt", "same key as in the first shard",
                "010.png", Fixtures.png(Color.CYAN), "010.txt", "fine",
                "011.png", Fixtures.png(Color.MAGENTA), "011.txt", "cut off by the truncation"));
        Fixtures.cutInside(second, "011.txt");
        return List.of(first, second);
    }

    @Test
    void badRecordsAreSkippedCountedAndListed() throws Exception {
        List<Path> shards = badShards();
        Path out = dir.resolve("out");
        IngestManifest manifest = IngestTesting.ingest(new WebDatasetSource(shards, List.of()),
                IngestTesting.settings("web", Role.POOL, Format.WEBDATASET, 2), out);

        assertEquals(3, manifest.getNumSamples(), "000, 005 and 010 are good");
        assertEquals(Map.of("corrupt_image", 1L, "missing_caption", 1L, "missing_image", 1L, "bad_metadata", 1L,
                "bad_sample", 1L, "duplicate_key", 1L, "damaged_shard", 1L), manifest.getRejectedByReason());
        assertEquals(7, manifest.getNumRejected());
        assertEquals(List.of("corrupt_image", "missing_caption", "missing_image", "bad_metadata", "bad_sample",
                "duplicate_key", "damaged_shard"), IngestTesting.rejectedReasons(out));

        List<SampleMetadata> records = IngestTesting.metadata(out, manifest);
        assertEquals(List.of("000", "005", "010"), records.stream().map(SampleMetadata::getKey).toList());
        SampleMetadata first = records.get(0);
        assertEquals("star", first.getClassName());
        assertEquals("natural", first.getDomainLabel());
        assertEquals("success", first.getFactors().get("status"));
        assertEquals("00000.tar:000", first.getSource());
        assertEquals(32, first.getWidth());

        assertEquals(List.of("00000.tar", "00001.tar"), manifest.getInputs().stream().map(i -> i.getPath()).toList());
        assertEquals(Hashing.sha256(shards.get(1)), manifest.getInputs().get(1).getSha256());
        assertTrue(Files.exists(out.resolve(Ingestion.CONTACT_SHEET)));
    }

    @Test
    void classMaskAndTestRoleRejectRecordsThatCannotBeScored() throws Exception {
        Path shard = Fixtures.tar(dir.resolve("t.tar"), Fixtures.members(
                "a.png", Fixtures.png(Color.RED), "a.txt", "x", "a.json", "{\"label\": \"star\"}",
                "b.png", Fixtures.png(Color.RED), "b.txt", "x", "b.json", "{\"label\": \"moon\"}",
                "c.png", Fixtures.png(Color.RED), "c.txt", "x"));
        Path out = dir.resolve("out");
        IngestManifest manifest = IngestTesting.ingest(new WebDatasetSource(List.of(shard), List.of("star")),
                IngestTesting.settings("t", Role.TEST, Format.WEBDATASET, 1), out);
        assertEquals(1, manifest.getNumSamples());
        assertEquals(List.of("class_not_listed", "missing_class"), IngestTesting.rejectedReasons(out));
        assertEquals(List.of("star"), manifest.getClasses());
    }

    @Test
    void datasetWithoutValidSamplesIsAnErrorNotAnEmptyManifest() throws Exception {
        Path shard = Fixtures.tar(dir.resolve("t.tar"), Fixtures.members("a.png", Fixtures.png(Color.RED)));
        Path out = dir.resolve("out");
        IngestException e = assertThrows(IngestException.class, () -> IngestTesting.ingest(
                new WebDatasetSource(List.of(shard), List.of()), IngestTesting.settings("t", Role.POOL, Format.WEBDATASET, 1), out));
        assertTrue(e.getMessage().contains("no valid samples") && e.getMessage().contains("rejected.tsv"), e.getMessage());
        assertFalse(Files.exists(out.resolve(IngestedDataset.MANIFEST)));
        assertTrue(Files.exists(out.resolve(Ingestion.REJECTED)), "kept to explain the failure");
    }

    @Test
    void refusesANonEmptyOutputFolder() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("old.txt"), "x");
        Path shard = Fixtures.tar(dir.resolve("t.tar"), Fixtures.members("a.png", Fixtures.png(Color.RED), "a.txt", "x"));
        IngestException e = assertThrows(IngestException.class, () -> IngestTesting.ingest(
                new WebDatasetSource(List.of(shard), List.of()), IngestTesting.settings("t", Role.POOL, Format.WEBDATASET, 1), out));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }

    @Test
    void unreadableShardIsAClearErrorAndLeavesNoCompleteLookingOutput() throws Exception {
        Path good = Fixtures.tar(dir.resolve("a.tar"), Fixtures.members("a.png", Fixtures.png(Color.RED), "a.txt", "x"));
        Path out = dir.resolve("out");
        IngestException e = assertThrows(IngestException.class, () -> IngestTesting.ingest(
                new WebDatasetSource(List.of(good, dir.resolve("missing.tar")), List.of()),
                IngestTesting.settings("t", Role.POOL, Format.WEBDATASET, 1), out));
        assertTrue(e.getMessage().contains("missing.tar"), e.getMessage());
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).toList(),
                    "no manifest, no shard, no partial file");
        }
    }
}
