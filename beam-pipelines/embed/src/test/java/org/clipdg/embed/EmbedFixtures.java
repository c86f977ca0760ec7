package org.clipdg.embed;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.clipdg.core.AvroJson;
import org.clipdg.core.Fixtures;
import org.clipdg.core.Hashing;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.WebDatasetWriter;
import org.clipdg.core.image.ImagePreprocessor;
import org.clipdg.core.model.ModelDirectory;
import org.clipdg.schema.CardFile;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.ModelCard;
import org.clipdg.schema.ShardInfo;
import org.clipdg.schema.TrainingRecord;

/** Small models and datasets built by the tests themselves (no downloads). */
final class EmbedFixtures {
    static final int IMAGE_SIZE = 16;
    static final int DIMENSION = 8;

    private EmbedFixtures() {}

    /**
     * A linear image tower: flatten, multiply by a seeded random matrix, add a bias. {@code inputSize}
     * may differ from the card's {@code IMAGE_SIZE} to build a model that does not match its card.
     */
    static Path linearTower(Path dir, int inputSize, int cardDimension) throws IOException {
        Files.createDirectories(dir);
        int features = 3 * inputSize * inputSize;
        Random random = new Random(7);
        float[] weights = new float[features * DIMENSION];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian() * 0.05f;
        }
        float[] bias = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            bias[i] = 0.1f * (i + 1);
        }
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
                .setName("linear_tower")
                .addInput(valueInfo("image", "batch", 3, inputSize, inputSize))
                .addOutput(valueInfo("embedding", "batch", DIMENSION))
                .addInitializer(tensor("weights", weights, features, DIMENSION))
                .addInitializer(tensor("bias", bias, DIMENSION))
                .addNode(node("Flatten", List.of("image"), "flat").addAttribute(
                        OnnxMl.AttributeProto.newBuilder().setName("axis").setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1)))
                .addNode(node("MatMul", List.of("flat", "weights"), "projected"))
                .addNode(node("Add", List.of("projected", "bias"), "embedding"))
                .build();
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(17))
                .setGraph(graph)
                .build();
        Path file = dir.resolve("image.onnx");
        Files.write(file, model.toByteArray());
        writeCard(dir, file, cardDimension);
        return dir;
    }

    static Path linearTower(Path dir) throws IOException {
        return linearTower(dir, IMAGE_SIZE, DIMENSION);
    }

    private static void writeCard(Path dir, Path imageModel, int dimension) throws IOException {
        ModelCard card = ModelCard.newBuilder()
                .setName("linear-test-tower")
                .setArchitecture("flatten + linear")
                .setImageModel(imageModel.getFileName().toString())
                .setTextModel("")
                .setTokenizer("")
                .setImageSize(IMAGE_SIZE)
                .setInterpolation("bicubic")
                .setMean(List.of(0.48145466f, 0.4578275f, 0.40821073f))
                .setStd(List.of(0.26862954f, 0.26130258f, 0.27577711f))
                .setEmbedDim(dimension)
                .setContextLength(0)
                .setImageActivations(List.of())
                .setTextActivations(List.of())
                .setFiles(List.of(new CardFile(imageModel.getFileName().toString(), Files.size(imageModel), Hashing.sha256(imageModel))))
                .setTraining(TrainingRecord.newBuilder().setSplitSha256("").setDatasets(List.of()).setExamples(0).setSeed(0)
                        .setEpochs(0).setSteps(0).setFinalLoss(0).setTruncatedCaptions(0).setSettings(Map.of()).build())
                .setEvaluation(Map.of())
                .setSoftware(Map.of())
                .build();
        AvroJson.write(dir.resolve(ModelDirectory.CARD), card);
    }

    /** An ingested dataset of {@code count} distinct images in shards of {@code perShard}; {@code corrupt} keys get broken PNGs. */
    static Path dataset(Path dir, String name, int count, int perShard, List<String> corrupt) throws IOException {
        Files.createDirectories(dir);
        List<ShardInfo> shards;
        try (WebDatasetWriter writer = new WebDatasetWriter(dir, name, perShard)) {
            for (int i = 0; i < count; i++) {
                String key = String.format("%s_%04d", name, i);
                byte[] png = Fixtures.encode(picture(i), "png");
                TreeMap<String, byte[]> members = new TreeMap<>();
                members.put("png", corrupt.contains(key) ? Fixtures.truncated(png, 0.5) : png);
                members.put("txt", Fixtures.utf8("a picture " + i));
                writer.write(key, members);
            }
            shards = writer.finish();
        }
        IngestManifest manifest = IngestManifest.newBuilder()
                .setDataset(name).setRole("test").setFormat("webdataset").setDomain("photo").setGroup("")
                .setClasses(List.of()).setInputs(List.of()).setSettings(Map.of())
                .setNumSamples(count).setNumRejected(0)
                .setCountsByClass(Map.of()).setCountsByDomain(Map.of()).setCountsByDomainLabel(Map.of())
                .setCountsByGroup(Map.of()).setRejectedByReason(Map.of())
                .setShards(new ArrayList<>(shards)).setToolVersion("test")
                .build();
        AvroJson.write(IngestedDataset.manifestFile(dir), manifest);
        return dir;
    }

    /** A picture unlike every other index: a gradient background and a coloured box at an index-dependent place. */
    static BufferedImage picture(int index) {
        BufferedImage image = new BufferedImage(24 + index % 7, 20 + index % 5, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int x = 0; x < image.getWidth(); x++) {
            g.setColor(new Color((x * 9 + index * 37) % 256, (index * 53) % 256, (x * 3) % 256));
            g.drawLine(x, 0, x, image.getHeight());
        }
        g.setColor(new Color((index * 91) % 256, 200, (index * 17) % 256));
        g.fillRect(index % 10, index % 8, 8, 6);
        g.dispose();
        return image;
    }

    static ImagePreprocessor preprocessor() {
        return ImagePreprocessor.clip(IMAGE_SIZE);
    }

    private static OnnxMl.NodeProto.Builder node(String op, List<String> inputs, String output) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output + "_node").addAllInput(inputs).addOutput(output);
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, String batch, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(batch));
        for (long dim : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static OnnxMl.TensorProto tensor(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }
}
