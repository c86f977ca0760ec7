package org.clipdg.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.AvroJson;
import org.clipdg.core.Fixtures;
import org.clipdg.core.ImageCodec;
import org.clipdg.core.image.ImagePreprocessor;
import org.clipdg.core.split.Whitelist;
import org.clipdg.schema.IngestManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingExamplesTest {
    private static final ImagePreprocessor PREPROCESSOR = ImagePreprocessor.clip(16);

    @TempDir
    Path dir;

    private List<Path> twoDatasets() throws IOException {
        return List.of(TestDatasets.write(dir, "photos", 10), TestDatasets.write(dir, "sketches", 7));
    }

    private static List<Example> drain(Iterator<Example> iterator) {
        List<Example> out = new ArrayList<>();
        iterator.forEachRemaining(out::add);
        return out;
    }

    private static List<String> keys(List<Example> examples) {
        return examples.stream().map(e -> e.dataset() + "/" + e.key()).toList();
    }

    private static Set<String> allKeys(String dataset, int samples) {
        return IntStream.range(0, samples).mapToObj(i -> dataset + "/" + TestDatasets.key(dataset, i))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyExampleOnceWithItsCaptionAndPreprocessedPixels() throws Exception {
        TrainingExamples examples = new TrainingExamples(twoDatasets(), Optional.empty(), PREPROCESSOR, 8, 42);
        assertEquals(17, examples.count());
        assertEquals(0, examples.missingWhitelistCount());
        List<Example> epoch = drain(examples.epoch(0));
        assertEquals(17, epoch.size());
        Set<String> expected = new TreeSet<>(allKeys("photos", 10));
        expected.addAll(allKeys("sketches", 7));
        assertEquals(expected, new TreeSet<>(keys(epoch)));
        for (Example example : epoch) {
            assertEquals(TestDatasets.caption(example.key()), example.caption());
            assertEquals(3 * 16 * 16, example.pixels().length);
        }
        for (Example example : List.of(epoch.get(0), epoch.get(16))) {
            byte[] png = TestDatasets.png(example.dataset(), TestDatasets.index(example.key()));
            assertArrayEquals(PREPROCESSOR.toChw(ImageCodec.decodeRgb(png)), example.pixels(), example.key());
        }
    }

    @Test
    void whitelistFiltersAndMissingEntriesAreCounted() throws IOException {
        List<Path> datasets = twoDatasets();
        Whitelist whitelist = Whitelist.write(dir.resolve("whitelist.tsv"), List.of(
                new String[] {"photos", TestDatasets.key("photos", 1)},
                new String[] {"photos", TestDatasets.key("photos", 9)},
                new String[] {"sketches", TestDatasets.key("sketches", 0)},
                new String[] {"sketches", TestDatasets.key("sketches", 6)},
                new String[] {"photos", "photos-999"},
                new String[] {"paintings", "paintings-000"}));
        TrainingExamples examples = new TrainingExamples(datasets, Optional.of(whitelist), PREPROCESSOR, 4, 1);
        assertEquals(4, examples.count());
        assertEquals(2, examples.missingWhitelistCount());
        assertEquals(List.of(new Whitelist.Entry("paintings", "paintings-000"), new Whitelist.Entry("photos", "photos-999")),
                examples.missingWhitelistSample(10));
        assertEquals(1, examples.missingWhitelistSample(1).size());
        assertEquals(Set.of("photos/photos-001", "photos/photos-009", "sketches/sketches-000", "sketches/sketches-006"),
                Set.copyOf(keys(drain(examples.epoch(3)))));
        List<String> captions = new ArrayList<>();
        examples.captions().forEach(captions::add);
        assertEquals(List.of("caption of photos-001", "caption of photos-009", "caption of sketches-000",
                "caption of sketches-006"), captions);
    }

    @Test
    void orderIsReproduciblePerSeedAndEpochAndDiffersAcrossEpochs() throws IOException {
        List<Path> datasets = twoDatasets();
        TrainingExamples examples = new TrainingExamples(datasets, Optional.empty(), PREPROCESSOR, 6, 7);
        List<String> epoch0 = keys(drain(examples.epoch(0)));
        List<String> epoch1 = keys(drain(examples.epoch(1)));
        assertEquals(epoch0, keys(drain(examples.epoch(0))));
        assertEquals(epoch0, keys(drain(new TrainingExamples(datasets, Optional.empty(), PREPROCESSOR, 6, 7).epoch(0))));
        assertNotEquals(epoch0, epoch1);
        assertEquals(new TreeSet<>(epoch0), new TreeSet<>(epoch1));
        assertNotEquals(epoch0, keys(drain(new TrainingExamples(datasets, Optional.empty(), PREPROCESSOR, 6, 8).epoch(0))));

        List<String> fileOrder = keys(drain(new TrainingExamples(datasets, Optional.empty(), PREPROCESSOR, 1, 7).epoch(0)));
        List<String> expected = new ArrayList<>(allKeys("photos", 10));
        expected.addAll(allKeys("sketches", 7));
        assertEquals(expected, fileOrder);
        assertNotEquals(fileOrder, epoch0);
    }

    @Test
    void batchDecodingKeepsTheSequentialOrderWhateverTheThreads() throws IOException {
        TrainingExamples examples = new TrainingExamples(twoDatasets(), Optional.empty(), PREPROCESSOR, 5, 3);
        List<Example> sequential = drain(examples.epoch(2));
        for (int threads : new int[] {1, 2, 4}) {
            List<Integer> sizes = new ArrayList<>();
            List<Example> batched = new ArrayList<>();
            try (CloseableIterator<List<Example>> batches = examples.epochBatches(2, 4, threads)) {
                batches.forEachRemaining(batch -> {
                    sizes.add(batch.size());
                    batched.addAll(batch);
                });
            }
            assertEquals(List.of(4, 4, 4, 4, 1), sizes, threads + " threads");
            assertEquals(keys(sequential), keys(batched), threads + " threads");
            for (int i = 0; i < sequential.size(); i++) {
                assertArrayEquals(sequential.get(i).pixels(), batched.get(i).pixels());
                assertEquals(sequential.get(i).caption(), batched.get(i).caption());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> examples.epochBatches(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> examples.epochBatches(0, 4, 0));
    }

    @Test
    void corruptImageNamesDatasetShardAndKey() throws IOException {
        Path broken = TestDatasets.write(dir, "photos", 5,
                Map.of("photos-003", Map.of("png", Fixtures.truncated(Fixtures.png(java.awt.Color.RED), 0.5))));
        TrainingExamples examples = new TrainingExamples(List.of(broken), Optional.empty(), PREPROCESSOR, 2, 0);
        for (int threads : new int[] {1, 3}) {
            TrainingDataException e = assertThrows(TrainingDataException.class, () -> {
                try (CloseableIterator<List<Example>> batches = examples.epochBatches(0, 2, threads)) {
                    batches.forEachRemaining(batch -> { });
                }
            });
            assertTrue(e.getMessage().contains("dataset 'photos'"), e.getMessage());
            assertTrue(e.getMessage().contains("photos-000001.tar"), e.getMessage());
            assertTrue(e.getMessage().contains("key 'photos-003': cannot decode png"), e.getMessage());
        }
    }

    @Test
    void missingCaptionIsAnIntegrityError() throws IOException {
        Path broken = TestDatasets.write(dir, "photos", 4, Map.of("photos-001", Map.of("txt", new byte[0])));
        TrainingExamples examples = new TrainingExamples(List.of(broken), Optional.empty(), PREPROCESSOR, 2, 0);
        TrainingDataException e = assertThrows(TrainingDataException.class, () -> drain(examples.epoch(0)));
        assertTrue(e.getMessage().contains("photos-000000.tar, key 'photos-001': sample lacks its png or txt member"),
                e.getMessage());
    }

    @Test
    void shardThatDiffersFromItsManifestIsAnIntegrityError() throws IOException {
        Path photos = TestDatasets.write(dir, "photos", 4);
        Path manifestFile = photos.resolve(IngestedDataset.MANIFEST);
        IngestManifest manifest = AvroJson.read(manifestFile, IngestManifest.class);
        manifest.getShards().get(1).setSha256("0".repeat(64));
        AvroJson.write(manifestFile, manifest);
        TrainingExamples examples = new TrainingExamples(List.of(photos), Optional.empty(), PREPROCESSOR, 1, 0);
        TrainingDataException e = assertThrows(TrainingDataException.class, () -> drain(examples.epoch(0)));
        assertTrue(e.getMessage().contains("photos-000001.tar: differs from its manifest"), e.getMessage());
    }

    @Test
    void invalidInputsAreRejected() throws IOException {
        List<Path> datasets = twoDatasets();
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingExamples(datasets, Optional.empty(), PREPROCESSOR, 0, 0));
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        Files.copy(datasets.get(0).resolve(IngestedDataset.MANIFEST), copy.resolve(IngestedDataset.MANIFEST));
        IOException missingShard = assertThrows(IOException.class,
                () -> new TrainingExamples(List.of(copy), Optional.empty(), PREPROCESSOR, 4, 0));
        assertTrue(missingShard.getMessage().contains("photos-000000.tar"), missingShard.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new TrainingExamples(List.of(datasets.get(0), datasets.get(0)), Optional.empty(), PREPROCESSOR, 4, 0));
        assertTrue(twice.getMessage().contains("'photos' given twice"));
        IOException noManifest = assertThrows(IOException.class,
                () -> new TrainingExamples(List.of(dir.resolve("nowhere")), Optional.empty(), PREPROCESSOR, 4, 0));
        assertTrue(noManifest.getMessage().contains("not a completely ingested dataset"));
    }

    @Test
    void abandonedEpochCanBeClosed() throws IOException {
        TrainingExamples examples = new TrainingExamples(twoDatasets(), Optional.empty(), PREPROCESSOR, 3, 0);
        try (CloseableIterator<Example> epoch = examples.epoch(0)) {
            epoch.next();
        }
        try (CloseableIterator<List<Example>> batches = examples.epochBatches(0, 2, 2)) {
            assertEquals(2, batches.next().size());
        }
    }
}
