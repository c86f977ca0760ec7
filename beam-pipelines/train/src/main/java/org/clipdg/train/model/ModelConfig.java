package org.clipdg.train.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A CLIP architecture, read from a versioned JSON file ({@code conf/models/*.json}). The image
 * tower is a ViT or a ResNet-style CNN; the text tower is a causal transformer read at the
 * end-of-text token. The vocabulary size comes from the tokenizer, not from here.
 */
public record ModelConfig(String name, int version, @JsonProperty("embed_dim") int embedDim, ImageConfig image,
        TextConfig text) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * {@code type} "vit" uses {@code patch_size, width, layers, heads, mlp_ratio}; "cnn" uses
     * {@code widths} (one residual stage per entry, each but the first halving the resolution).
     */
    public record ImageConfig(String type, int size, @JsonProperty("patch_size") int patchSize, int width,
            int layers, int heads, @JsonProperty("mlp_ratio") int mlpRatio, List<Integer> widths, float[] mean,
            float[] std) {}

    public record TextConfig(@JsonProperty("context_length") int contextLength, int width, int layers, int heads,
            @JsonProperty("mlp_ratio") int mlpRatio) {}

    public static ModelConfig read(Path file) throws IOException {
        ModelConfig config;
        try {
            config = JSON.readValue(file.toFile(), ModelConfig.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a valid model config: " + e.getMessage(), e);
        }
        config.validate(file.toString());
        return config;
    }

    /** Canonical JSON: part of the training identity and of the model card. */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isVit() {
        return "vit".equals(image.type);
    }

    void validate(String where) {
        require(name != null && !name.isBlank(), where, "name is required");
        require(embedDim > 0, where, "embed_dim must be > 0");
        require(image != null && text != null, where, "both 'image' and 'text' sections are required");
        require("vit".equals(image.type) || "cnn".equals(image.type), where, "image.type must be 'vit' or 'cnn'");
        require(image.size >= 8, where, "image.size must be >= 8");
        require(image.mean != null && image.mean.length == 3 && image.std != null && image.std.length == 3, where,
                "image.mean and image.std need 3 values");
        if (isVit()) {
            require(image.patchSize > 0 && image.size % image.patchSize == 0, where,
                    "image.patch_size must divide image.size");
            requireTransformer(image.width, image.layers, image.heads, image.mlpRatio, where, "image");
        } else {
            require(image.widths != null && !image.widths.isEmpty() && image.widths.stream().allMatch(w -> w > 0),
                    where, "image.widths must list positive stage widths");
            require(image.size % (1 << (image.widths.size() - 1)) == 0, where,
                    "image.size must be divisible by 2^(stages-1)");
        }
        require(text.contextLength >= 3, where, "text.context_length must be >= 3");
        requireTransformer(text.width, text.layers, text.heads, text.mlpRatio, where, "text");
    }

    private static void requireTransformer(int width, int layers, int heads, int mlpRatio, String where, String tower) {
        require(width > 0 && layers > 0 && heads > 0 && mlpRatio > 0, where,
                tower + ": width, layers, heads and mlp_ratio must be > 0");
        require(width % heads == 0, where, tower + ".width must be divisible by " + tower + ".heads");
    }

    private static void require(boolean ok, String where, String message) {
        if (!ok) {
            throw new IllegalArgumentException(where + ": " + message);
        }
    }
}
