package org.clipdg.core.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clipdg.core.AtomicFiles;

/**
 * Caption to fixed-length token ids for the text tower, over any HuggingFace {@code tokenizer.json}:
 * the word-level one built here from training captions, or CLIP's BPE file. The text tower pools at
 * {@code argmax(ids)}, so the end-of-text token must have the highest id (as CLIP's 49407 does).
 *
 * <p>{@link #encode} and {@link #encodeBatch} may be called from several threads at once (the native
 * tokenizer is only read); {@link #close} must not run concurrently with them.
 */
public final class CaptionTokenizer implements AutoCloseable {
    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    public static final String START = "<start_of_text>";
    public static final String END = "<end_of_text>";

    /** The HF {@code Whitespace} pre-tokenizer's split, so counted words are the words looked up. */
    private static final Pattern WORD = Pattern.compile("\\w+|[^\\w\\s]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code ids} has the context length, padded with the pad id; {@code truncated} if words were cut. */
    public record Encoded(long[] ids, boolean truncated) {}

    private final HuggingFaceTokenizer tokenizer;
    private final int contextLength;
    private final int vocabSize;
    private final long eotId;
    private final long padId;

    private CaptionTokenizer(HuggingFaceTokenizer tokenizer, int contextLength, int vocabSize, long eotId, long padId) {
        this.tokenizer = tokenizer;
        this.contextLength = contextLength;
        this.vocabSize = vocabSize;
        this.eotId = eotId;
        this.padId = padId;
    }

    /**
     * Writes a word-level {@code tokenizer.json}: lower-cased words seen at least {@code minCount} times,
     * by descending count then alphabetically, after {@code <pad>}=0 and {@code <unk>}=1 and before
     * {@code <start_of_text>} and {@code <end_of_text>} (the highest id). Same captions, same bytes.
     */
    public static Path buildWordLevel(Iterable<String> captions, int minCount, Path tokenizerJson) throws IOException {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String caption : captions) {
            Matcher words = WORD.matcher(caption.toLowerCase(Locale.ROOT));
            while (words.find()) {
                counts.merge(words.group(), 1, Integer::sum);
            }
        }
        List<String> vocabulary = new ArrayList<>(List.of(PAD, UNK));
        counts.entrySet().stream()
                .filter(e -> e.getValue() >= minCount)
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> vocabulary.add(e.getKey()));
        vocabulary.add(START);
        vocabulary.add(END);

        byte[] bytes = JSON.writer(prettyPrinter()).writeValueAsBytes(wordLevelJson(vocabulary));
        AtomicFiles.write(tokenizerJson, out -> {
            out.write(bytes);
            out.write('\n');
        });
        return tokenizerJson;
    }

    private static ObjectNode wordLevelJson(List<String> vocabulary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : List.of(PAD, UNK, START, END)) {
            added.addObject()
                    .put("id", vocabulary.indexOf(special))
                    .put("content", special)
                    .put("single_word", false)
                    .put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", true);
        }
        root.putObject("normalizer").put("type", "Lowercase");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        special(single, START, 0);
        sequence(single, "A", 0);
        special(single, END, 0);
        ArrayNode pair = post.putArray("pair");
        special(pair, START, 0);
        sequence(pair, "A", 0);
        special(pair, END, 0);
        sequence(pair, "B", 1);
        special(pair, END, 1);
        ObjectNode specialTokens = post.putObject("special_tokens");
        for (String special : List.of(START, END)) {
            ObjectNode token = specialTokens.putObject(special);
            token.put("id", special);
            token.putArray("ids").add(vocabulary.indexOf(special));
            token.putArray("tokens").add(special);
        }
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < vocabulary.size(); id++) {
            vocab.put(vocabulary.get(id), id);
        }
        model.put("unk_token", UNK);
        return root;
    }

    private static void special(ArrayNode template, String token, int typeId) {
        template.addObject().putObject("SpecialToken").put("id", token).put("type_id", typeId);
    }

    private static void sequence(ArrayNode template, String id, int typeId) {
        template.addObject().putObject("Sequence").put("id", id).put("type_id", typeId);
    }

    /** Fixed "\n" line ends: the file's bytes must not depend on the platform. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    /** Loads a {@code tokenizer.json}; its post-processor must append an end-of-text token with the highest id. */
    public static CaptionTokenizer load(Path tokenizerJson, int contextLength) throws IOException {
        if (contextLength < 3) {
            throw new IllegalArgumentException("context length must be >= 3 (start, one token, end), got " + contextLength);
        }
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IOException("tokenizer file not found: " + tokenizerJson);
        }
        Map<String, Long> ids = tokenIds(JSON.readTree(tokenizerJson.toFile()), tokenizerJson);
        long maxId = ids.values().stream().mapToLong(Long::longValue).max()
                .orElseThrow(() -> new IOException(tokenizerJson + ": tokenizer has an empty vocabulary"));
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(tokenizerJson)
                .optAddSpecialTokens(true)
                .optTruncation(false)
                .optPadding(false)
                .build();
        try {
            long[] empty = tokenizer.encode("").getIds();
            if (empty.length == 0) {
                throw new IOException(tokenizerJson + ": tokenizer appends no end-of-text token (no post_processor?)");
            }
            long eotId = empty[empty.length - 1];
            if (eotId != maxId) {
                throw new IOException(tokenizerJson + ": end-of-text token id " + eotId + " is not the highest id "
                        + maxId + "; the text tower pools at argmax(ids)");
            }
            return new CaptionTokenizer(tokenizer, contextLength, Math.toIntExact(maxId + 1), eotId, ids.getOrDefault(PAD, 0L));
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Token to id over the model's vocabulary (a map, or a list of pieces for Unigram) and the added tokens. */
    private static Map<String, Long> tokenIds(JsonNode root, Path file) throws IOException {
        Map<String, Long> ids = new HashMap<>();
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            vocab.fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asLong()));
        } else if (vocab.isArray()) {
            for (int id = 0; id < vocab.size(); id++) {
                ids.put(vocab.get(id).path(0).asText(), (long) id);
            }
        } else {
            throw new IOException(file + ": not a tokenizer.json (no model.vocab)");
        }
        for (JsonNode added : root.path("added_tokens")) {
            ids.put(added.path("content").asText(), added.path("id").asLong());
        }
        return ids;
    }

    public Encoded encode(String caption) {
        return fit(tokenizer.encode(caption).getIds());
    }

    /** Ids of each caption, in order; uses the native tokenizer's own parallelism. */
    public long[][] encodeBatch(List<String> captions) {
        Encoding[] encodings = tokenizer.batchEncode(captions);
        long[][] ids = new long[encodings.length][];
        for (int i = 0; i < encodings.length; i++) {
            ids[i] = fit(encodings[i].getIds()).ids();
        }
        return ids;
    }

    /** OpenCLIP's truncation: keep the first {@code contextLength - 1} tokens and end with EOT. */
    private Encoded fit(long[] tokens) {
        long[] ids = new long[contextLength];
        boolean truncated = tokens.length > contextLength;
        if (truncated) {
            System.arraycopy(tokens, 0, ids, 0, contextLength - 1);
            ids[contextLength - 1] = eotId;
        } else {
            System.arraycopy(tokens, 0, ids, 0, tokens.length);
            Arrays.fill(ids, tokens.length, contextLength, padId);
        }
        return new Encoded(ids, truncated);
    }

    public int vocabSize() {
        return vocabSize;
    }

    public long eotId() {
        return eotId;
    }

    public long padId() {
        return padId;
    }

    public int contextLength() {
        return contextLength;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
