package org.clipdg.train.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.clipdg.train.model.ClipModel;
import org.clipdg.train.model.ModelConfig;
import org.clipdg.train.model.ModelTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnnxExportParityTest {
    private static final int VOCAB = 30;
    private static final long START = VOCAB - 2;
    private static final long END_OF_TEXT = VOCAB - 1;
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"tiny-vit", "tiny-cnn"})
    void exportedTowersReproduceEmbeddingsAndActivationsAtAnyBatchSize(String name) throws Exception {
        ModelConfig config = ModelTesting.config(name);
        Engine.getInstance().setRandomSeed(5);
        Random random = new Random(9);
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(config, VOCAB);
            model.initialize(manager);
            perturbBiasesAndScales(model, random);
            if (!config.isVit()) {
                learnBatchNormStatistics(model, manager, random);
            }
            Path imageFile = dir.resolve("image.onnx");
            Path textFile = dir.resolve("text.onnx");
            long started = System.nanoTime();
            OnnxExporter.exportImageTower(model, imageFile, true);
            long imageDone = System.nanoTime();
            OnnxExporter.exportTextTower(model, textFile, true);
            System.out.printf("%s: image tower %d bytes in %.0f ms, text tower %d bytes in %.0f ms%n", name,
                    Files.size(imageFile), (imageDone - started) / 1e6, Files.size(textFile),
                    (System.nanoTime() - imageDone) / 1e6);

            OrtEnvironment env = OrtEnvironment.getEnvironment();
            int size = config.image().size();
            int context = config.text().contextLength();
            try (OrtSession imageTower = env.createSession(imageFile.toString());
                    OrtSession textTower = env.createSession(textFile.toString())) {
                for (int batch : new int[] {1, 7}) {
                    long[] imageShape = {batch, 3, size, size};
                    float[] pixels = gaussian(random, batch * 3 * size * size);
                    List<NDArray> imageBlocks = new ArrayList<>();
                    NDArray image = model.encodeImage(manager.create(pixels, new Shape(imageShape)), false, imageBlocks);
                    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), imageShape);
                            OrtSession.Result result = imageTower.run(Map.of(OnnxExporter.IMAGE_INPUT, input))) {
                        assertClose(name + " image, batch " + batch, image, imageBlocks, result);
                    }

                    long[] idsShape = {batch, context};
                    long[] ids = tokenIds(random, batch, context);
                    List<NDArray> textBlocks = new ArrayList<>();
                    NDArray text = model.encodeText(manager.create(ids, new Shape(idsShape)), textBlocks);
                    try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), idsShape);
                            OrtSession.Result result = textTower.run(Map.of(OnnxExporter.TEXT_INPUT, input))) {
                        assertClose(name + " text, batch " + batch, text, textBlocks, result);
                    }
                }
            }
        }
    }

    @Test
    void exportDeclaresOpsetAndDynamicBatchAndAddsActivationsOnlyWhenAsked() throws Exception {
        ModelConfig config = ModelTesting.config("tiny-vit");
        try (NDManager manager = NDManager.newBaseManager()) {
            ClipModel model = new ClipModel(config, VOCAB);
            model.initialize(manager);

            OnnxMl.ModelProto image = exportImage(model, false);
            assertTrue(defaultOpset(image) >= 13, "opset " + defaultOpset(image));
            assertEquals(OnnxExporter.PRODUCER, image.getProducerName());
            assertEquals("clip_image_tower", image.getGraph().getName());
            OnnxMl.ValueInfoProto input = image.getGraph().getInput(0);
            assertEquals(OnnxExporter.IMAGE_INPUT, input.getName());
            assertEquals(OnnxMl.TensorProto.DataType.FLOAT_VALUE, input.getType().getTensorType().getElemType());
            assertEquals(List.of("batch", "3", "64", "64"), dims(input));
            assertEquals(List.of(OnnxExporter.EMBEDDING), outputNames(image));
            assertEquals(List.of("batch", "128"), dims(image.getGraph().getOutput(0)));
            Set<String> visualWeights = model.weights().arrays().keySet().stream().filter(n -> n.startsWith("visual."))
                    .collect(Collectors.toSet());
            Set<String> initializers = image.getGraph().getInitializerList().stream().map(OnnxMl.TensorProto::getName)
                    .collect(Collectors.toSet());
            assertTrue(initializers.containsAll(visualWeights), "every image weight stored under its own name");
            assertTrue(initializers.stream().noneMatch(n -> n.startsWith("transformer.") || n.startsWith("token_")),
                    "no text weights in the image tower");
            assertEquals(List.of("block_0", "block_1", "block_2", "block_3", "embedding"),
                    outputNames(exportImage(model, true)).stream().sorted().toList());

            Path textFile = dir.resolve("text.onnx");
            OnnxExporter.exportTextTower(model, textFile, false);
            OnnxMl.ModelProto text = read(textFile);
            assertEquals("clip_text_tower", text.getGraph().getName());
            OnnxMl.ValueInfoProto ids = text.getGraph().getInput(0);
            assertEquals(OnnxExporter.TEXT_INPUT, ids.getName());
            assertEquals(OnnxMl.TensorProto.DataType.INT64_VALUE, ids.getType().getTensorType().getElemType());
            assertEquals(List.of("batch", "16"), dims(ids));
            assertEquals(List.of(OnnxExporter.EMBEDDING), outputNames(text));
            OnnxExporter.exportTextTower(model, textFile, true);
            assertEquals(List.of("block_0", "block_1", "embedding"), outputNames(read(textFile)).stream().sorted().toList());
            assertEquals(List.of("text.onnx"), Files.list(dir).map(p -> p.getFileName().toString()).sorted()
                    .filter(n -> n.startsWith("text")).toList(), "no partial files left behind");
        }
    }

    private OnnxMl.ModelProto exportImage(ClipModel model, boolean withActivations) throws IOException {
        Path file = dir.resolve("image.onnx");
        OnnxExporter.exportImageTower(model, file, withActivations);
        return read(file);
    }

    private static OnnxMl.ModelProto read(Path file) throws IOException {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
    }

    private static long defaultOpset(OnnxMl.ModelProto model) {
        return model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty())
                .mapToLong(OnnxMl.OperatorSetIdProto::getVersion).max().orElse(0);
    }

    private static List<String> dims(OnnxMl.ValueInfoProto value) {
        return value.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue())).toList();
    }

    private static List<String> outputNames(OnnxMl.ModelProto model) {
        return model.getGraph().getOutputList().stream().map(OnnxMl.ValueInfoProto::getName).toList();
    }

    /** Biases and norm scales start at 0 and 1; random values make the parity test see every one of them. */
    private static void perturbBiasesAndScales(ClipModel model, Random random) {
        model.weights().arrays().forEach((name, array) -> {
            if (model.weights().isTrainable(name) && array.getShape().dimension() == 1) {
                float[] values = array.toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    values[i] += (float) (0.2 * random.nextGaussian());
                }
                array.set(values);
            }
        });
    }

    /** Training-mode forwards move the running statistics away from their (0, 1) start. */
    private static void learnBatchNormStatistics(ClipModel model, NDManager manager, Random random) {
        int size = model.config().image().size();
        for (int step = 0; step < 5; step++) {
            float[] pixels = gaussian(random, 8 * 3 * size * size);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = 1.5f * pixels[i] + 0.3f;
            }
            model.encodeImage(manager.create(pixels, new Shape(8, 3, size, size)), true, null);
        }
        float[] mean = model.weights().get("visual.stages.1.bn1.running_mean").toFloatArray();
        assertTrue(IntStream.range(0, mean.length).anyMatch(i -> Math.abs(mean[i]) > 0.01), "running statistics moved");
    }

    private static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** Start token, 0 to context-2 words, end-of-text (the highest id), zero padding; the last row is full. */
    private static long[] tokenIds(Random random, int batch, int context) {
        long[] ids = new long[batch * context];
        for (int row = 0; row < batch; row++) {
            int words = row == batch - 1 && batch > 1 ? context - 2 : random.nextInt(context - 1);
            int offset = row * context;
            ids[offset] = START;
            for (int i = 1; i <= words; i++) {
                ids[offset + i] = 1 + random.nextInt(VOCAB - 3);
            }
            ids[offset + words + 1] = END_OF_TEXT;
        }
        return ids;
    }

    private static void assertClose(String what, NDArray expected, List<NDArray> expectedBlocks, OrtSession.Result result)
            throws OrtException {
        double embedding = maxAbsDifference(expected, result, OnnxExporter.EMBEDDING);
        double blocks = 0;
        for (int i = 0; i < expectedBlocks.size(); i++) {
            blocks = Math.max(blocks, maxAbsDifference(expectedBlocks.get(i), result, OnnxExporter.blockOutput(i)));
        }
        System.out.printf("%s: max |ONNX - DJL| embedding %.2e, blocks %.2e (%d)%n", what, embedding, blocks,
                expectedBlocks.size());
        assertTrue(embedding <= TOLERANCE, what + ": embedding differs by " + embedding);
        assertTrue(blocks <= TOLERANCE, what + ": a block activation differs by " + blocks);
        assertEquals(expectedBlocks.size() + 1, result.size(), what + ": one output per block plus the embedding");
    }

    private static double maxAbsDifference(NDArray expected, OrtSession.Result result, String output) throws OrtException {
        OnnxTensor tensor = (OnnxTensor) result.get(output).orElseThrow(() -> new AssertionError("no output " + output));
        assertEquals(expected.getShape(), new Shape(tensor.getInfo().getShape()), output + " shape");
        float[] want = expected.toFloatArray();
        FloatBuffer got = tensor.getFloatBuffer();
        double max = 0;
        for (int i = 0; i < want.length; i++) {
            max = Math.max(max, Math.abs(want[i] - got.get(i)));
        }
        return max;
    }
}
