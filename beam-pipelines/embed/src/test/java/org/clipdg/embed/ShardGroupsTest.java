package org.clipdg.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset embedded in shard groups, one task each, then merged: the whole run's folder, byte for byte. */
class ShardGroupsTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    static Path shared;
    static Path model;
    static Path dataset;
    static Path whole;

    @TempDir
    Path temp;

    @BeforeAll
    static void embedWhole() throws IOException {
        model = EmbedFixtures.linearTower(shared.resolve("model"));
        // Three shards of 10, 10 and 3 images, one of them corrupt (a rejection in the first shard's header).
        dataset = EmbedFixtures.dataset(shared.resolve("photos"), "photos", 23, 10, List.of("photos_0007"));
        whole = shared.resolve("whole");
        step(whole).execute();
    }

    private static EmbedImages step(Path out, String... extra) {
        return step(QUIET, out, extra);
    }

    private static EmbedImages step(PrintStream log, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("--dataset=" + dataset, "--model=" + model, "--output=" + out, "--cpus=2"));
        args.addAll(List.of(extra));
        return new EmbedImages(PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation()
                .as(EmbedImagesOptions.class), log);
    }

    private List<Path> groups(int count, String... extra) throws IOException {
        List<Path> groups = new ArrayList<>();
        for (int group = 0; group < count; group++) {
            Path out = temp.resolve("group-" + group);
            List<String> args = new ArrayList<>(List.of(extra));
            args.add("--shardGroup=" + group + "/" + count);
            step(out, args.toArray(String[]::new)).embedShardGroup();
            groups.add(out);
        }
        return groups;
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertSameFolder(Path expected, Path actual) throws IOException {
        assertEquals(fileNames(expected), fileNames(actual));
        for (String file : fileNames(expected)) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(file)), Files.readAllBytes(actual.resolve(file)), actual + "/" + file);
        }
    }

    @Test
    void twoGroupsWithoutAStoreMergeIntoTheWholeRunsFolder() throws IOException {
        List<Path> groups = groups(2);
        assertEquals(List.of("embeddings-00000.avro"), fileNames(groups.get(0)),
                "10 images against 10 + 3: the group's shards only, no manifest");
        assertEquals(List.of("embeddings-00001.avro", "embeddings-00002.avro"), fileNames(groups.get(1)));
        Path merged = temp.resolve("merged");
        ShardGroups.merge(dataset, model, groups, merged, "", QUIET);
        assertSameFolder(whole, merged);

        IOException missing = assertThrows(IOException.class,
                () -> ShardGroups.merge(dataset, model, groups.subList(0, 1), temp.resolve("incomplete"), "", QUIET));
        assertEquals("embeddings-00001.avro is in none of the shard group folders [" + groups.get(0) + "]: a group is missing"
                + " or unfinished", missing.getMessage());
    }

    @Test
    void threeGroupsFillOneStoreSlotThatLaterRunsReuseWhole() throws IOException {
        Path store = temp.resolve("store");
        List<Path> groups = groups(3, "--store=" + store);
        Path merged = temp.resolve("merged");
        ShardGroups.merge(dataset, model, groups, merged, store.toString(), QUIET);
        assertSameFolder(whole, merged);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path again = temp.resolve("again");
        step(new PrintStream(log, true, StandardCharsets.UTF_8), again, "--store=" + store).execute();
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("reusing 22 embeddings from the store"), log.toString());
        assertSameFolder(whole, again);
    }
}
