package org.clipdg.evaluate.zeroshot;

import java.io.IOException;
import java.util.List;
import org.clipdg.core.model.ModelDirectory;
import org.clipdg.core.text.CaptionTokenizer;

/** A model folder's tokenizer and ONNX text tower, as a {@link TextEncoder}. */
public final class OnnxTextEncoder implements TextEncoder, AutoCloseable {
    private final CaptionTokenizer tokenizer;
    private final TextTower tower;

    private OnnxTextEncoder(CaptionTokenizer tokenizer, TextTower tower) {
        this.tokenizer = tokenizer;
        this.tower = tower;
    }

    public static OnnxTextEncoder open(ModelDirectory model, int threads) throws IOException {
        int context = model.card().getContextLength();
        CaptionTokenizer tokenizer = CaptionTokenizer.load(model.tokenizer(), context);
        try {
            return new OnnxTextEncoder(tokenizer, TextTower.open(model.textModel(), context, threads));
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public float[][] embed(List<String> prompts) throws IOException {
        return tower.embed(tokenizer.encodeBatch(prompts));
    }

    @Override
    public void close() throws IOException {
        try {
            tower.close();
        } finally {
            tokenizer.close();
        }
    }
}
