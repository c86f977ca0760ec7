package org.clipdg.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.clipdg.core.AvroJson;
import org.clipdg.core.Hashing;
import org.clipdg.schema.CardFile;
import org.clipdg.schema.ModelCard;
import org.clipdg.schema.TrainingRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
    @TempDir
    Path dir;

    private void writeModel(String interpolation) throws IOException {
        Path image = Files.writeString(dir.resolve("image.onnx"), "weights");
        AvroJson.write(dir.resolve(ModelDirectory.CARD), ModelCard.newBuilder()
                .setName("m").setArchitecture("").setImageModel("image.onnx").setTextModel("").setTokenizer("")
                .setImageSize(32).setInterpolation(interpolation).setMean(List.of(0.5f, 0.5f, 0.5f)).setStd(List.of(0.5f, 0.5f, 0.5f))
                .setEmbedDim(8).setContextLength(0).setImageActivations(List.of()).setTextActivations(List.of())
                .setFiles(List.of(new CardFile("image.onnx", Files.size(image), Hashing.sha256(image))))
                .setTraining(TrainingRecord.newBuilder().setSplitSha256("").setDatasets(List.of()).setExamples(0).setSeed(0)
                        .setEpochs(0).setSteps(0).setFinalLoss(0).setTruncatedCaptions(0).setSettings(Map.of()).build())
                .setEvaluation(Map.of()).setSoftware(Map.of()).build());
    }

    @Test
    void opensAVerifiedModelWhoseIdentityIsItsCardsSha256() throws IOException {
        writeModel("bicubic");
        ModelDirectory model = ModelDirectory.open(dir, "--model");
        assertEquals(Hashing.sha256(dir.resolve(ModelDirectory.CARD)), model.cardSha256());
        assertEquals(dir.resolve("image.onnx"), model.imageModel());
        assertEquals(32, model.preprocessor().size());
    }

    @Test
    void aFileChangedAfterExportIsCaught() throws IOException {
        writeModel("bicubic");
        Files.writeString(dir.resolve("image.onnx"), "other weights");
        IOException e = assertThrows(IOException.class, () -> ModelDirectory.open(dir, "--similarity_model"));
        assertTrue(e.getMessage().startsWith("--similarity_model " + dir) && e.getMessage().contains("image.onnx has sha256"), e.getMessage());
    }

    @Test
    void missingFolderCardOrFileNameTheParameter() throws IOException {
        IOException noFolder = assertThrows(IOException.class, () -> ModelDirectory.open(dir.resolve("x"), "--model"));
        assertTrue(noFolder.getMessage().contains("--model " + dir.resolve("x") + ": no such model folder"), noFolder.getMessage());
        IOException noCard = assertThrows(IOException.class, () -> ModelDirectory.open(dir, "--model"));
        assertTrue(noCard.getMessage().contains("no model_card.json"), noCard.getMessage());
        writeModel("bicubic");
        Files.delete(dir.resolve("image.onnx"));
        IOException noFile = assertThrows(IOException.class, () -> ModelDirectory.open(dir, "--model"));
        assertTrue(noFile.getMessage().contains("image.onnx, listed in model_card.json, is missing"), noFile.getMessage());
    }

    @Test
    void anUnsupportedInterpolationIsRefused() throws IOException {
        writeModel("bilinear");
        IOException e = assertThrows(IOException.class, () -> ModelDirectory.open(dir, "--model").preprocessor());
        assertTrue(e.getMessage().contains("interpolation 'bilinear' is not supported"), e.getMessage());
    }
}
