package org.clipdg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.clipdg.core.text.CaptionTokenizer;
import org.clipdg.core.text.PromptTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyCorpusTest {
    private static final int UNKNOWN_ID = 1;

    @TempDir
    Path dir;

    private static long unknownWords(CaptionTokenizer tokenizer, List<String> prompts) {
        return prompts.stream().flatMapToLong(p -> Arrays.stream(tokenizer.encode(p).ids())).filter(id -> id == UNKNOWN_ID).count();
    }

    @Test
    void zeroShotPromptsAreMadeOfKnownWords() throws Exception {
        List<String> captions = List.of("a dog", "a sketch of a guitar");
        List<String> prompts = PromptTemplates.load("openai,domains").stream().map(t -> PromptTemplates.fill(t, "dog")).toList();

        Path captionsOnly = CaptionTokenizer.buildWordLevel(captions, 1, dir.resolve("captions.json"));
        Path withTemplates = CaptionTokenizer.buildWordLevel(
                TrainCommand.vocabularyCorpus(captions, "openai,domains", "a photo of a {}"), 1, dir.resolve("templates.json"));

        try (CaptionTokenizer before = CaptionTokenizer.load(captionsOnly, 32);
                CaptionTokenizer after = CaptionTokenizer.load(withTemplates, 32)) {
            assertTrue(unknownWords(before, prompts) > 100, "captions alone leave most template words unknown");
            assertEquals(0, unknownWords(after, prompts));
            assertEquals(0, unknownWords(after, List.of("a sketch of a guitar")));
        }
    }
}
