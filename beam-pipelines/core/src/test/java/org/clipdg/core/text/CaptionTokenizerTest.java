package org.clipdg.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionTokenizerTest {
    /** Counts: a 6, of 3, dog 2, photo 2, "." 1, cat 1, sketch 1. */
    private static final List<String> CAPTIONS = List.of("A photo of a dog.", "a photo of a cat", "A sketch of a dog");
    private static final long SOT = 9;
    private static final long EOT = 10;

    @TempDir
    Path dir;

    private CaptionTokenizer tokenizer(List<String> captions, int minCount, int contextLength) throws IOException {
        Path file = CaptionTokenizer.buildWordLevel(captions, minCount, dir.resolve("tokenizer.json"));
        return CaptionTokenizer.load(file, contextLength);
    }

    @Test
    void knownCaptionGetsStartWordsEndAndPadding() throws IOException {
        try (CaptionTokenizer tokenizer = tokenizer(CAPTIONS, 1, 10)) {
            // <pad>0 <unk>1 a2 of3 dog4 photo5 .6 cat7 sketch8 <start_of_text>9 <end_of_text>10
            CaptionTokenizer.Encoded encoded = tokenizer.encode("A photo of a dog.");
            assertArrayEquals(new long[] {SOT, 2, 5, 3, 2, 4, 6, EOT, 0, 0}, encoded.ids());
            assertFalse(encoded.truncated());
            assertArrayEquals(new long[] {SOT, 8, 3, 7, EOT, 0, 0, 0, 0, 0}, tokenizer.encode("SKETCH of CAT").ids());
            assertEquals(11, tokenizer.vocabSize());
            assertEquals(EOT, tokenizer.eotId());
            assertEquals(0, tokenizer.padId());
            assertEquals(10, tokenizer.contextLength());
        }
    }

    @Test
    void unknownWordsMapToUnk() throws IOException {
        try (CaptionTokenizer tokenizer = tokenizer(CAPTIONS, 1, 8)) {
            assertArrayEquals(new long[] {SOT, 2, 1, 3, 2, 1, EOT, 0}, tokenizer.encode("a horse of a zebra").ids());
        }
    }

    @Test
    void minCountDropsRareWordsAndEndOfTextStaysTheHighestId() throws IOException {
        try (CaptionTokenizer tokenizer = tokenizer(CAPTIONS, 2, 8)) {
            // <pad>0 <unk>1 a2 of3 dog4 photo5 <start_of_text>6 <end_of_text>7
            assertEquals(8, tokenizer.vocabSize());
            assertEquals(7, tokenizer.eotId());
            assertArrayEquals(new long[] {6, 2, 1, 3, 2, 4, 7, 0}, tokenizer.encode("a sketch of a dog").ids());
            long[] ids = tokenizer.encode("photo photo dog zebra .").ids();
            assertEquals(tokenizer.eotId(), IntStream.range(0, ids.length).mapToLong(i -> ids[i]).max().getAsLong());
        }
    }

    @Test
    void longCaptionIsTruncatedWithEndOfTextLast() throws IOException {
        try (CaptionTokenizer tokenizer = tokenizer(CAPTIONS, 1, 5)) {
            CaptionTokenizer.Encoded encoded = tokenizer.encode("a photo of a dog");
            assertArrayEquals(new long[] {SOT, 2, 5, 3, EOT}, encoded.ids());
            assertTrue(encoded.truncated());
        }
        try (CaptionTokenizer tokenizer = tokenizer(CAPTIONS, 1, 7)) {
            CaptionTokenizer.Encoded exact = tokenizer.encode("a photo of a dog");
            assertArrayEquals(new long[] {SOT, 2, 5, 3, 2, 4, EOT}, exact.ids());
            assertFalse(exact.truncated());
        }
    }

    @Test
    void batchEncodingEqualsOneByOne() throws IOException {
        List<String> captions = List.of("a dog", "", "a photo of a cat of a dog of a sketch", "PHOTO.");
        try (CaptionTokenizer tokenizer = tokenizer(CAPTIONS, 1, 6)) {
            long[][] batch = tokenizer.encodeBatch(captions);
            assertEquals(captions.size(), batch.length);
            for (int i = 0; i < captions.size(); i++) {
                assertArrayEquals(tokenizer.encode(captions.get(i)).ids(), batch[i], captions.get(i));
            }
            assertArrayEquals(new long[] {SOT, EOT, 0, 0, 0, 0}, batch[1]);
        }
    }

    @Test
    void concurrentEncodingGivesTheSameIds() throws IOException {
        try (CaptionTokenizer tokenizer = tokenizer(CAPTIONS, 1, 10)) {
            long[] expected = tokenizer.encode("A photo of a dog.").ids();
            ConcurrentLinkedQueue<long[]> results = new ConcurrentLinkedQueue<>();
            IntStream.range(0, 400).parallel().forEach(i -> results.add(tokenizer.encode("A photo of a dog.").ids()));
            assertEquals(400, results.size());
            results.forEach(ids -> assertArrayEquals(expected, ids));
        }
    }

    @Test
    void sameCaptionsInAnyOrderGiveByteIdenticalFiles() throws IOException {
        Path first = CaptionTokenizer.buildWordLevel(CAPTIONS, 1, dir.resolve("a.json"));
        Path second = CaptionTokenizer.buildWordLevel(List.of(CAPTIONS.get(2), CAPTIONS.get(0), CAPTIONS.get(1)), 1,
                dir.resolve("b.json"));
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertFalse(Files.exists(dir.resolve("a.json.partial")));
        Path other = CaptionTokenizer.buildWordLevel(List.of("a photo of a bird"), 1, dir.resolve("c.json"));
        assertFalse(Files.readString(first).equals(Files.readString(other)));
    }

    @Test
    void everyVocabularyWordEncodesToItself() throws IOException {
        List<String> captions = List.of("Café au lait, naïve ÉCOLE!", "Straße über_alles 42 x2 ...", "日本語 テキスト");
        Path file = CaptionTokenizer.buildWordLevel(captions, 1, dir.resolve("tokenizer.json"));
        JsonNode vocab = new ObjectMapper().readTree(file.toFile()).path("model").path("vocab");
        try (CaptionTokenizer tokenizer = CaptionTokenizer.load(file, 4)) {
            Iterator<Map.Entry<String, JsonNode>> entries = vocab.fields();
            List<String> words = new ArrayList<>();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (!entry.getKey().startsWith("<")) {
                    words.add(entry.getKey());
                    assertArrayEquals(new long[] {tokenizer.eotId() - 1, entry.getValue().asLong(), tokenizer.eotId(), 0},
                            tokenizer.encode(entry.getKey()).ids(), entry.getKey());
                }
            }
            assertTrue(words.containsAll(List.of("café", "naïve", "école", ",", "!", "straße", "über_alles", "42", "x2", "...")),
                    words.toString());
        }
    }

    @Test
    void invalidArgumentsAreRejected() throws IOException {
        Path file = CaptionTokenizer.buildWordLevel(CAPTIONS, 1, dir.resolve("tokenizer.json"));
        assertThrows(IllegalArgumentException.class, () -> CaptionTokenizer.load(file, 2));
        assertThrows(IllegalArgumentException.class, () -> CaptionTokenizer.buildWordLevel(CAPTIONS, 0, dir.resolve("x.json")));
        IOException missing = assertThrows(IOException.class, () -> CaptionTokenizer.load(dir.resolve("none.json"), 8));
        assertTrue(missing.getMessage().contains("none.json"));
    }

    @Test
    void foreignTokenizerWithoutPadUsesIdZeroForPadding() throws IOException {
        Path file = dir.resolve("foreign.json");
        Files.writeString(file, foreignTokenizer("{\"<unk>\": 0, \"hello\": 1, \"<sot>\": 2, \"<eot>\": 3}", 3));
        try (CaptionTokenizer tokenizer = CaptionTokenizer.load(file, 5)) {
            assertArrayEquals(new long[] {1, 0, 3, 0, 0}, tokenizer.encode("hello world").ids());
            assertEquals(0, tokenizer.padId());
            assertEquals(4, tokenizer.vocabSize());
        }
    }

    @Test
    void tokenizerWhoseEndTokenIsNotTheHighestIdIsRejected() throws IOException {
        Path file = dir.resolve("foreign.json");
        Files.writeString(file, foreignTokenizer("{\"<unk>\": 0, \"<eot>\": 1, \"hello\": 2}", 1));
        IOException e = assertThrows(IOException.class, () -> CaptionTokenizer.load(file, 5));
        assertTrue(e.getMessage().contains("is not the highest id"), e.getMessage());
    }

    @Test
    void tokenizerThatAppendsNothingIsRejected() throws IOException {
        Path file = dir.resolve("plain.json");
        Files.writeString(file, """
                {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [], "normalizer": null,
                 "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null, "decoder": null,
                 "model": {"type": "WordLevel", "vocab": {"<unk>": 0, "hello": 1}, "unk_token": "<unk>"}}
                """);
        IOException e = assertThrows(IOException.class, () -> CaptionTokenizer.load(file, 5));
        assertTrue(e.getMessage().contains("appends no end-of-text token"), e.getMessage());
    }

    /** A WordLevel tokenizer without {@code <pad>} whose post-processor appends {@code <eot>}. */
    private static String foreignTokenizer(String vocab, int eotId) {
        return """
                {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
                 "normalizer": null, "pre_tokenizer": {"type": "Whitespace"},
                 "post_processor": {"type": "TemplateProcessing",
                   "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "<eot>", "type_id": 0}}],
                   "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
                   "special_tokens": {"<eot>": {"id": "<eot>", "ids": [EOT_ID], "tokens": ["<eot>"]}}},
                 "decoder": null,
                 "model": {"type": "WordLevel", "vocab": VOCAB, "unk_token": "<unk>"}}
                """.replace("VOCAB", vocab).replace("EOT_ID", String.valueOf(eotId));
    }
}
