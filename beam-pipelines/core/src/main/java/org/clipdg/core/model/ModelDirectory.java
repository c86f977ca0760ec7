package org.clipdg.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clipdg.core.AvroJson;
import org.clipdg.core.Hashing;
import org.clipdg.core.image.ImagePreprocessor;
import org.clipdg.schema.CardFile;
import org.clipdg.schema.ModelCard;

/**
 * A CLIP exported to ONNX: a folder with {@code model_card.json} and the files it names. The
 * model's identity is the sha256 of its card, which lists every file's sha256; {@link #open}
 * checks them, so a card always describes the bytes beside it.
 */
public record ModelDirectory(Path dir, ModelCard card, String cardSha256) {
    public static final String CARD = "model_card.json";

    /**
     * Opens and verifies a model folder. Errors name {@code parameter} (the option the path came
     * from), so the user knows what to fix.
     */
    public static ModelDirectory open(Path dir, String parameter) throws IOException {
        if (dir == null) {
            throw new IOException(parameter + " is required: a folder with " + CARD + " and the ONNX files it names");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(parameter + " " + dir + ": no such model folder");
        }
        Path cardFile = dir.resolve(CARD);
        if (!Files.isRegularFile(cardFile)) {
            throw new IOException(parameter + " " + dir + ": no " + CARD + " (a model folder holds the card and the ONNX files it names)");
        }
        ModelCard card = AvroJson.read(cardFile, ModelCard.class);
        for (CardFile file : card.getFiles()) {
            Path path = dir.resolve(file.getPath().toString());
            if (!Files.isRegularFile(path)) {
                throw new IOException(parameter + " " + dir + ": " + file.getPath() + ", listed in " + CARD + ", is missing");
            }
            String sha256 = Hashing.sha256(path);
            if (!file.getSha256().toString().isEmpty() && !sha256.equals(file.getSha256().toString())) {
                throw new IOException(parameter + " " + dir + ": " + file.getPath() + " has sha256 " + sha256
                        + " but " + CARD + " says " + file.getSha256() + " (file changed after export?)");
            }
        }
        return new ModelDirectory(dir, card, Hashing.sha256(cardFile));
    }

    public Path imageModel() throws IOException {
        return file(card.getImageModel().toString(), "image_model");
    }

    public Path textModel() throws IOException {
        return file(card.getTextModel().toString(), "text_model");
    }

    public Path tokenizer() throws IOException {
        return file(card.getTokenizer().toString(), "tokenizer");
    }

    /** The image preprocessing the card prescribes. */
    public ImagePreprocessor preprocessor() throws IOException {
        if (!"bicubic".contentEquals(card.getInterpolation())) {
            throw new IOException(dir.resolve(CARD) + ": interpolation '" + card.getInterpolation()
                    + "' is not supported (bicubic, as CLIP uses, is)");
        }
        float[] mean = toArray(card.getMean());
        float[] std = toArray(card.getStd());
        try {
            return new ImagePreprocessor(card.getImageSize(), mean, std);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(CARD) + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return card.getName().toString();
    }

    private Path file(String name, String field) throws IOException {
        if (name.isEmpty()) {
            throw new IOException(dir.resolve(CARD) + ": field " + field + " is empty");
        }
        Path path = dir.resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new IOException(dir.resolve(CARD) + ": " + field + " " + name + " does not exist in " + dir);
        }
        return path;
    }

    private static float[] toArray(java.util.List<Float> values) {
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
