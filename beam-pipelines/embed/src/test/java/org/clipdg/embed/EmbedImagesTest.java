package org.clipdg.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.clipdg.core.ImageCodec;
import org.clipdg.core.WebDatasetReader;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.UnitVectors;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.ImageEmbedding;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedImagesTest {
    @TempDir
    static Path shared;
    static Path model;
    static Path dataset;

    @TempDir
    Path temp;

    @BeforeAll
    static void buildInputs() throws IOException {
        model = EmbedFixtures.linearTower(shared.resolve("model"));
        dataset = EmbedFixtures.dataset(shared.resolve("photos"), "photos", 23, 10, List.of("photos_0007"));
    }

    static EmbeddingManifest embed(Path out, String... extra) throws IOException {
        return embed(new ByteArrayOutputStream(), out, extra);
    }

    static EmbeddingManifest embed(ByteArrayOutputStream log, Path out, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--dataset=" + dataset, "--model=" + model, "--output=" + out, "--cpus=2"));
        args.addAll(List.of(extra));
        EmbedImagesOptions options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation()
                .as(EmbedImagesOptions.class);
        return new EmbedImages(options, new PrintStream(log, true, StandardCharsets.UTF_8)).execute();
    }

    @Test
    void embeddingsEqualADirectOnnxRuntimeCallOnThePreprocessedImage() throws Exception {
        Path out = temp.resolve("out");
        EmbeddingManifest manifest = embed(out, "--batchSize=4");
        assertEquals(22, manifest.getNumEmbeddings());
        assertEquals(EmbedFixtures.DIMENSION, manifest.getDimension());

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int checked = 0;
        try (OrtSession session = env.createSession(model.resolve("image.onnx").toString(), new OrtSession.SessionOptions())) {
            Map<String, ImageEmbedding> byKey = byKey(EmbeddedDataset.open(out).readAll());
            for (WebDatasetReader.Sample sample : samples()) {
                if (sample.key().equals("photos_0007")) {
                    assertFalse(byKey.containsKey("photos_0007"), "the corrupt image has no embedding");
                    continue;
                }
                float[] pixels = EmbedFixtures.preprocessor().toChw(ImageCodec.decodeRgb(sample.members().get("png")));
                float[] expected;
                try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels),
                        new long[] {1, 3, EmbedFixtures.IMAGE_SIZE, EmbedFixtures.IMAGE_SIZE});
                        OrtSession.Result result = session.run(Map.of("image", input))) {
                    expected = UnitVectors.l2Normalised(((float[][]) result.get(0).getValue())[0]);
                }
                ImageEmbedding actual = byKey.get(sample.key());
                assertEquals("photos", actual.getDataset().toString());
                assertEquals(manifest.getModelCardSha256().toString(), actual.getModelId().toString());
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual.getEmbedding().get(i), 1e-5, sample.key() + "[" + i + "]");
                }
                checked++;
            }
        }
        assertEquals(22, checked);
    }

    @Test
    void outputIsByteIdenticalAcrossBatchSizesWorkersAndRunners() throws IOException {
        Path reference = temp.resolve("direct-batch-1");
        embed(reference, "--batchSize=1");
        List<Path> others = List.of(temp.resolve("direct-batch-8-two-workers"), temp.resolve("flink-batch-3"));
        embed(others.get(0), "--batchSize=8", "--workers=2", "--ortThreads=1");
        embed(others.get(1), "--batchSize=3", "--runner=FlinkRunner", "--flinkMaster=[local]");
        for (Path other : others) {
            for (String file : fileNames(reference)) {
                assertArrayEquals(Files.readAllBytes(reference.resolve(file)), Files.readAllBytes(other.resolve(file)), other + "/" + file);
            }
            assertEquals(fileNames(reference), fileNames(other));
        }
    }

    @Test
    void aCorruptImageIsSkippedCountedAndListedWithItsKey() throws IOException {
        Path out = temp.resolve("out");
        EmbeddingManifest manifest = embed(out);
        assertEquals(1, manifest.getNumRejected());
        assertEquals(Map.of("corrupt_image", 1L), manifest.getRejectedByReason());
        List<String> rejected = Files.readAllLines(out.resolve(EmbeddedDataset.REJECTED));
        assertEquals(2, rejected.size());
        assertTrue(rejected.get(1).startsWith("photos_0007\tphotos-000000.tar\tcorrupt_image\t"), rejected.get(1));
        assertEquals(List.of(9L, 10L, 3L), manifest.getShards().stream().map(s -> s.getNumEmbeddings()).toList());
    }

    @Test
    void aModelWhoseInputDoesNotMatchItsCardFailsBeforeAnyWork() throws IOException {
        Path wrongSize = EmbedFixtures.linearTower(temp.resolve("wrong-size"), EmbedFixtures.IMAGE_SIZE + 4, EmbedFixtures.DIMENSION);
        Path out = temp.resolve("out");
        IOException e = assertThrows(IOException.class, () -> embedWith(wrongSize, out));
        assertTrue(e.getMessage().contains("--model") && e.getMessage().contains("[batch, 3, 16, 16]"), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");

        Path wrongDim = EmbedFixtures.linearTower(temp.resolve("wrong-dim"), EmbedFixtures.IMAGE_SIZE, 12);
        e = assertThrows(IOException.class, () -> embedWith(wrongDim, out));
        assertTrue(e.getMessage().contains("embed_dim 12") && e.getMessage().contains("8 values"), e.getMessage());
    }

    @Test
    void aMissingModelIsAnErrorNamingTheParameter() {
        IOException e = assertThrows(IOException.class, () -> embedWith(temp.resolve("nowhere"), temp.resolve("out")));
        assertTrue(e.getMessage().startsWith("--model " + temp.resolve("nowhere")), e.getMessage());
    }

    @Test
    void cudaWithoutTheCudaExecutionProviderIsAClearErrorBeforeAnyWork() {
        Assumptions.assumeFalse(Files.exists(Path.of("/dev/nvidia0")), "this machine has an NVIDIA GPU");
        IOException e = assertThrows(IOException.class, () -> embed(temp.resolve("out"), "--device=cuda"));
        assertTrue(e.getMessage().contains("--device=cuda: the CUDA execution provider is not available"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("out")));
    }

    @Test
    void autoFallsBackToTheCpuWhereCudaIsNotUsable() throws IOException {
        Assumptions.assumeFalse(Files.exists(Path.of("/dev/nvidia0")), "this machine has an NVIDIA GPU");
        Path cpu = temp.resolve("cpu");
        Path auto = temp.resolve("auto");
        embed(cpu, "--device=cpu");
        embed(auto, "--device=auto");
        for (String file : fileNames(cpu)) {
            assertArrayEquals(Files.readAllBytes(cpu.resolve(file)), Files.readAllBytes(auto.resolve(file)), file);
        }
    }

    @Test
    void tooManyThreadsForTheCpuBudgetIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> embed(temp.resolve("out"), "--workers=2", "--ortThreads=2"));
        assertTrue(e.getMessage().contains("more than --cpus=2"), e.getMessage());
    }

    @Test
    void anInterruptedRunResumesByComputingOnlyTheMissingShards() throws IOException {
        Path out = temp.resolve("out");
        embed(out);
        Path kept = out.resolve("embeddings-00000.avro");
        Path lost = out.resolve("embeddings-00002.avro");
        byte[] lostBytes = Files.readAllBytes(lost);
        Files.setLastModifiedTime(kept, FileTime.fromMillis(0));
        Files.delete(lost);
        Files.delete(out.resolve(EmbeddedDataset.MANIFEST));
        Files.writeString(out.resolve("embeddings-00001.avro.partial"), "half-written");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        embed(log, out);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("1 of 3 shards to compute (3 images), 2 already done"), log.toString());
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(kept), "finished shard left alone");
        assertArrayEquals(lostBytes, Files.readAllBytes(lost));
        assertFalse(Files.exists(out.resolve("embeddings-00001.avro.partial")));
        assertEquals(22, EmbeddedDataset.open(out).manifest().getNumEmbeddings());
    }

    @Test
    void theStoreReusesEmbeddingsOfTheSameDatasetAndModel() throws IOException {
        Path store = temp.resolve("store");
        Path first = temp.resolve("first");
        embed(first, "--store=" + store);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path second = temp.resolve("second");
        embed(log, second, "--store=" + store);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("reusing 22 embeddings from the store"), log.toString());
        assertEquals(fileNames(first), fileNames(second));
        for (String file : fileNames(first)) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)), file);
        }
        try (Stream<Path> slots = Files.list(store)) {
            assertEquals(1, slots.count());
        }
    }

    @Test
    void aShardChangedAfterIngestionFailsThePipeline() throws IOException {
        Path copy = temp.resolve("changed");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(dataset)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.write(copy.resolve("photos-000001.tar"), new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        EmbedImagesOptions options = PipelineOptionsFactory.fromArgs("--dataset=" + copy, "--model=" + model,
                "--output=" + temp.resolve("out"), "--cpus=2").as(EmbedImagesOptions.class);
        Exception e = assertThrows(Exception.class, () -> new EmbedImages(options, System.err).execute());
        assertNotEquals(-1, String.valueOf(e.getMessage()).indexOf("changed after ingestion"), String.valueOf(e.getMessage()));
    }

    @Test
    void theClipRetrievalLayoutWrittenByOneRunImportsAsPrecomputedEmbeddings() throws IOException {
        Path computed = temp.resolve("computed");
        Path layout = temp.resolve("clip-retrieval");
        embed(computed, "--clipRetrievalOutput=" + layout);
        assertTrue(Files.exists(layout.resolve("img_emb/img_emb_0.npy")) && Files.exists(layout.resolve("metadata/metadata_0.csv")));

        Path imported = temp.resolve("imported");
        EmbeddingManifest manifest = embed(imported, "--precomputed=" + layout);
        assertEquals("precomputed", manifest.getSource());
        assertEquals(22, manifest.getNumEmbeddings());
        assertEquals(Map.of("no_embedding", 1L), manifest.getRejectedByReason(), "the corrupt image has no precomputed row");
        Map<String, ImageEmbedding> expected = byKey(EmbeddedDataset.open(computed).readAll());
        Map<String, ImageEmbedding> actual = byKey(EmbeddedDataset.open(imported).readAll());
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            List<Float> a = expected.get(key).getEmbedding();
            List<Float> b = actual.get(key).getEmbedding();
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i), b.get(i), 1e-6, key);
            }
        }
    }

    private void embedWith(Path modelDir, Path out) throws IOException {
        EmbedImagesOptions options = PipelineOptionsFactory.fromArgs("--dataset=" + dataset, "--model=" + modelDir,
                "--output=" + out, "--cpus=2").as(EmbedImagesOptions.class);
        new EmbedImages(options, System.err).execute();
    }

    private static List<WebDatasetReader.Sample> samples() throws IOException {
        List<WebDatasetReader.Sample> samples = new ArrayList<>();
        try (WebDatasetReader reader = new WebDatasetReader(org.clipdg.core.IngestedDataset.open(dataset).shards())) {
            reader.forEachRemaining(entry -> {
                if (entry instanceof WebDatasetReader.Sample sample) {
                    samples.add(sample);
                }
            });
        }
        return samples;
    }

    private static Map<String, ImageEmbedding> byKey(List<ImageEmbedding> records) {
        Map<String, ImageEmbedding> map = new java.util.HashMap<>();
        records.forEach(r -> map.put(r.getKey().toString(), r));
        return map;
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
