package org.clipdg.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.clipdg.schema.ShardInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebDatasetTest {
    @TempDir
    Path dir;

    private static SortedMap<String, byte[]> sample(int i) {
        SortedMap<String, byte[]> members = new TreeMap<>();
        members.put("png", Fixtures.png(new Color(i * 40 % 256, 10, 10)));
        members.put("txt", Fixtures.utf8("caption " + i));
        return members;
    }

    private List<ShardInfo> writeFive(Path out) throws IOException {
        Files.createDirectories(out);
        try (WebDatasetWriter writer = new WebDatasetWriter(out, "ds", 2)) {
            for (int i = 0; i < 5; i++) {
                writer.write("k" + i, sample(i));
            }
            return writer.finish();
        }
    }

    private static List<WebDatasetReader.Entry> readAll(List<Path> shards) throws IOException {
        List<WebDatasetReader.Entry> entries = new ArrayList<>();
        try (WebDatasetReader reader = new WebDatasetReader(shards)) {
            reader.forEachRemaining(entries::add);
        }
        return entries;
    }

    @Test
    void writtenShardsReadBackSampleBySample() throws IOException {
        List<ShardInfo> shards = writeFive(dir);
        assertEquals(List.of("ds-000000.tar", "ds-000001.tar", "ds-000002.tar"),
                shards.stream().map(ShardInfo::getName).toList());
        assertEquals(List.of(2L, 2L, 1L), shards.stream().map(ShardInfo::getNumSamples).toList());
        List<WebDatasetReader.Entry> entries = readAll(shards.stream().map(s -> dir.resolve(s.getName())).toList());
        List<WebDatasetReader.Sample> samples = entries.stream().filter(e -> e instanceof WebDatasetReader.Sample)
                .map(e -> (WebDatasetReader.Sample) e).toList();
        assertEquals(5, samples.size());
        for (int i = 0; i < 5; i++) {
            assertEquals("k" + i, samples.get(i).key());
            assertArrayEquals(sample(i).get("png"), samples.get(i).members().get("png"));
            assertEquals("caption " + i, new String(samples.get(i).members().get("txt")));
        }
        List<WebDatasetReader.ShardDone> done = entries.stream().filter(e -> e instanceof WebDatasetReader.ShardDone)
                .map(e -> (WebDatasetReader.ShardDone) e).toList();
        assertEquals(3, done.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(shards.get(i).getSha256(), done.get(i).sha256());
            assertEquals(Hashing.sha256(dir.resolve(shards.get(i).getName())), done.get(i).sha256());
            assertEquals(shards.get(i).getBytes(), done.get(i).bytes());
        }
    }

    @Test
    void identicalSamplesGiveByteIdenticalShards() throws IOException {
        List<ShardInfo> first = writeFive(dir.resolve("a"));
        List<ShardInfo> second = writeFive(dir.resolve("b"));
        assertEquals(first, second);
    }

    @Test
    void abandonedShardLeavesNoFileThatLooksComplete() throws IOException {
        try (WebDatasetWriter writer = new WebDatasetWriter(dir, "ds", 10)) {
            writer.write("k0", sample(0));
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void truncatedShardYieldsItsCompleteSamplesThenDamage() throws IOException {
        Path shard = Fixtures.tar(dir.resolve("t.tar"), Fixtures.members(
                "a.png", Fixtures.png(Color.RED), "a.txt", "first",
                "b.png", Fixtures.png(Color.GREEN), "b.txt", "second"));
        Fixtures.cutInside(shard, "b.png");
        Path good = Fixtures.tar(dir.resolve("g.tar"), Fixtures.members("c.png", Fixtures.png(Color.BLUE), "c.txt", "c"));
        List<WebDatasetReader.Entry> entries = readAll(List.of(shard, good));
        List<String> kinds = entries.stream().map(e -> e.getClass().getSimpleName()).toList();
        assertTrue(kinds.contains("Damage"), kinds.toString());
        WebDatasetReader.Damage damage = (WebDatasetReader.Damage) entries.stream()
                .filter(e -> e instanceof WebDatasetReader.Damage).findFirst().orElseThrow();
        assertEquals(shard, damage.shard());
        assertTrue(damage.reason().contains("damaged tar") && damage.restOfShardSkipped(), damage.reason());
        WebDatasetReader.Entry last = entries.get(entries.size() - 2);
        assertInstanceOf(WebDatasetReader.Sample.class, last, "the next shard is still read");
        assertEquals("c", ((WebDatasetReader.Sample) last).key());
        assertFalse(entries.stream().anyMatch(e -> e instanceof WebDatasetReader.Sample s && s.key().equals("b")),
                "the cut sample is not returned as complete");
    }

    @Test
    void sampleWithARepeatedMemberIsDroppedAndReadingGoesOn() throws IOException {
        Path shard = Fixtures.tar(dir.resolve("r.tar"), Fixtures.members(
                "a.png", Fixtures.png(Color.RED), "a.png", Fixtures.png(Color.BLUE), "a.txt", "which image?",
                "b.png", Fixtures.png(Color.GREEN), "b.txt", "fine"));
        List<WebDatasetReader.Entry> entries = readAll(List.of(shard));
        assertEquals(new WebDatasetReader.Damage(shard, "a", "repeated member a.png", false), entries.get(0));
        assertEquals("b", ((WebDatasetReader.Sample) entries.get(1)).key());
        assertInstanceOf(WebDatasetReader.ShardDone.class, entries.get(2));
    }

    @Test
    void garbageFileIsDamageNotACrash() throws IOException {
        Path junk = dir.resolve("junk.tar");
        Files.write(junk, Fixtures.utf8("this is not a tar archive at all ".repeat(40)));
        List<WebDatasetReader.Entry> entries = readAll(List.of(junk));
        assertTrue(entries.stream().anyMatch(e -> e instanceof WebDatasetReader.Damage), entries.toString());
    }

    @Test
    void memberNamesSplitAtTheFirstDotOfTheFileName() {
        assertArrayEquals(new String[] {"dir.v2/000123", "seg.jpg"}, WebDatasetReader.splitMemberName("dir.v2/000123.seg.jpg"));
        assertEquals(null, WebDatasetReader.splitMemberName("README"));
    }
}
