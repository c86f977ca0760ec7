package org.clipdg.evaluate.mechanistic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clipdg.core.AvroJson;
import org.clipdg.core.Fixtures;
import org.clipdg.core.Hashing;
import org.clipdg.core.ImageCodec;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.IngestedFixtures;
import org.clipdg.core.image.ImagePreprocessor;
import org.clipdg.core.model.ModelDirectory;
import org.clipdg.schema.CardFile;
import org.clipdg.schema.ModelCard;
import org.clipdg.schema.SampleMetadata;
import org.clipdg.schema.TrainingRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ONNX tower whose blocks are the per-channel mean (block_0) and max (block_1) of the
 * preprocessed image, so every activation can be computed by hand.
 */
class ActivationExtractionTest {
    private static final int SIZE = 16;
    private static final List<String> CLASSES = List.of("circle", "moon", "square", "star");
    private static final List<Color> COLOURS = List.of(Color.RED, Color.GREEN, Color.BLUE, Color.ORANGE);

    @TempDir
    Path dir;

    private static OnnxMl.NodeProto node(String op, String input, String output) {
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output + "_node").addInput(input)
                .addOutput(output);
        if (op.equals("Flatten")) {
            node.addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis").setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1));
        }
        return node.build();
    }

    private static OnnxMl.ValueInfoProto output(String name) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(DataType.FLOAT_VALUE))).build();
    }

    private Path model(List<String> cardActivations) throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long d : new long[] {3, SIZE, SIZE}) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("pooling_tower")
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("image").setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(DataType.FLOAT_VALUE).setShape(shape))))
                .addNode(node("GlobalAveragePool", "image", "mean_pooled"))
                .addNode(node("Flatten", "mean_pooled", "block_0"))
                .addNode(node("GlobalMaxPool", "image", "max_pooled"))
                .addNode(node("Flatten", "max_pooled", "block_1"))
                .addNode(node("Identity", "block_0", "embedding"))
                .addOutput(output("embedding")).addOutput(output("block_0")).addOutput(output("block_1"))
                .build();
        Path file = model.resolve("image.onnx");
        Files.write(file, OnnxMl.ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(graph).build().toByteArray());
        ImagePreprocessor clip = ImagePreprocessor.clip(SIZE);
        List<Float> mean = new ArrayList<>();
        List<Float> std = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            mean.add(clip.mean()[c]);
            std.add(clip.std()[c]);
        }
        AvroJson.write(model.resolve(ModelDirectory.CARD), ModelCard.newBuilder()
                .setName("pooling-test-tower").setArchitecture("global pooling").setImageModel("image.onnx").setTextModel("")
                .setTokenizer("").setImageSize(SIZE).setInterpolation("bicubic").setMean(mean).setStd(std).setEmbedDim(3)
                .setContextLength(0).setImageActivations(cardActivations).setTextActivations(List.of())
                .setFiles(List.of(new CardFile("image.onnx", Files.size(file), Hashing.sha256(file))))
                .setTraining(TrainingRecord.newBuilder().setSplitSha256("").setDatasets(List.of()).setExamples(0).setSeed(0)
                        .setEpochs(0).setSteps(0).setFinalLoss(0).setTruncatedCaptions(0).setSettings(Map.of()).build())
                .setEvaluation(Map.of()).setSoftware(Map.of()).build());
        return model;
    }

    /** A test set of one image per class, coloured by class and shifted in brightness by {@code shade}. */
    private IngestedDataset testSet(String name, String domain, int shade, Map<String, byte[]> extra) throws IOException {
        List<SampleMetadata> samples = new ArrayList<>();
        Map<String, byte[]> images = new HashMap<>(extra);
        for (int c = 0; c < CLASSES.size(); c++) {
            String key = name + "_" + c;
            samples.add(IngestedFixtures.sample(name, key, CLASSES.get(c), "", ""));
            Color colour = COLOURS.get(c);
            images.put(key, Fixtures.encode(Fixtures.image(20, 20, new Color(Math.max(0, colour.getRed() - shade),
                    Math.max(0, colour.getGreen() - shade), Math.max(0, colour.getBlue() - shade))), "png"));
        }
        for (String key : extra.keySet()) {
            samples.add(IngestedFixtures.sample(name, key, CLASSES.get(0), "", ""));
        }
        return IngestedDataset.open(IngestedFixtures.write(dir.resolve(name), name, "test", domain, CLASSES, samples, images, 3));
    }

    private static ActivationExtraction.Result extract(Path model, List<IngestedDataset> sets) throws IOException {
        ModelDirectory directory = ModelDirectory.open(model, "--model");
        try (BlockActivationTower tower = BlockActivationTower.open(directory, 1)) {
            return ActivationExtraction.run(tower, directory.preprocessor(), sets, new PrintStream(new ByteArrayOutputStream()));
        }
    }

    @Test
    void classMeansPerDomainAreTheTowersPooledActivations() throws Exception {
        byte[] broken = Fixtures.truncated(Fixtures.png(Color.RED), 0.5);
        IngestedDataset photo = testSet("photo_val", "photo", 0, Map.of("photo_val_broken", broken));
        IngestedDataset darker = testSet("photo_dark", "photo", 60, Map.of());
        IngestedDataset sketch = testSet("sketch", "sketch", 30, Map.of());
        ActivationExtraction.Result result = extract(model(List.of("block_0", "block_1")), List.of(photo, darker, sketch));

        assertEquals(Map.of("undecodable_image", 1L), result.skipped());
        DomainClassMeans means = result.means();
        assertEquals(List.of("photo", "sketch"), List.copyOf(means.domains()));
        assertEquals(CLASSES, means.sharedClasses("photo", "sketch"));
        ImagePreprocessor clip = ImagePreprocessor.clip(SIZE);
        for (int c = 0; c < CLASSES.size(); c++) {
            double[] expected = new double[3];
            for (IngestedDataset set : List.of(photo, darker)) {
                float[] pixels = clip.toChw(ImageCodec.decodeRgb(imageOf(set, set.name() + "_" + c)));
                for (int channel = 0; channel < 3; channel++) {
                    double sum = 0;
                    for (int i = 0; i < SIZE * SIZE; i++) {
                        sum += pixels[channel * SIZE * SIZE + i];
                    }
                    expected[channel] += sum / (SIZE * SIZE) / 2;
                }
            }
            assertArrayEquals(expected, means.classMeans("photo", 0, List.of(CLASSES.get(c)))[0], 1e-4, CLASSES.get(c));
        }
        double[][] maxima = means.classMeans("sketch", 1, CLASSES);
        double[][] averages = means.classMeans("sketch", 0, CLASSES);
        for (int c = 0; c < CLASSES.size(); c++) {
            for (int channel = 0; channel < 3; channel++) {
                assertTrue(maxima[c][channel] >= averages[c][channel] - 1e-5, "max pooling below mean pooling");
            }
        }
    }

    private static byte[] imageOf(IngestedDataset set, String key) throws IOException {
        byte[][] found = new byte[1][];
        set.forEachSample((sample, image) -> {
            if (sample.getKey().equals(key)) {
                found[0] = image;
            }
        });
        return found[0];
    }

    @Test
    void aModelWithoutActivationsOrLackingAListedOutputIsAClearError() throws Exception {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> BlockActivationTower.open(ModelDirectory.open(model(List.of()), "--model"), 1));
        assertTrue(none.getMessage().contains("--export-activations"), none.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> BlockActivationTower.open(ModelDirectory.open(model(List.of("block_0", "block_7")), "--model"), 1));
        assertTrue(missing.getMessage().contains("[block_7]"), missing.getMessage());
    }
}
