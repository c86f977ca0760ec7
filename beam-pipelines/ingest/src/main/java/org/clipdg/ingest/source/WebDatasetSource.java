package org.clipdg.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.clipdg.core.ImageCodec;
import org.clipdg.core.WebDatasetReader;
import org.clipdg.ingest.Candidate;
import org.clipdg.ingest.IngestedSample;
import org.clipdg.ingest.Keys;
import org.clipdg.ingest.RecordFacts;
import org.clipdg.ingest.RejectedRecordException;
import org.clipdg.ingest.SampleSource;
import org.clipdg.schema.InputFile;

/**
 * img2dataset-style shards: {@code key.jpg|png|webp} + {@code key.txt} caption + optional
 * {@code key.json}, whose {@code class}/{@code label}, {@code domain}, {@code domain_label},
 * {@code background} and {@code group} fields are read as facts and other scalar fields kept as factors.
 */
public final class WebDatasetSource implements SampleSource {
    static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "webp", "bmp", "gif");
    private static final Set<String> FACT_FIELDS = Set.of("class", "label", "class_name", "domain", "domain_label",
            "background", "group", "caption", "key");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebDatasetReader reader;
    private final List<String> classes;
    private final List<InputFile> inputsRead = new ArrayList<>();

    public WebDatasetSource(List<Path> shards, List<String> classes) {
        this.reader = new WebDatasetReader(shards);
        this.classes = List.copyOf(classes);
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public List<InputFile> inputsRead() {
        return List.copyOf(inputsRead);
    }

    @Override
    public Iterator<Candidate> candidates() {
        return new Iterator<>() {
            private Candidate next;

            @Override
            public boolean hasNext() {
                while (next == null && reader.hasNext()) {
                    next = toCandidate(reader.next());
                }
                return next != null;
            }

            @Override
            public Candidate next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Candidate candidate = next;
                next = null;
                return candidate;
            }
        };
    }

    private Candidate toCandidate(WebDatasetReader.Entry entry) {
        if (entry instanceof WebDatasetReader.Sample sample) {
            return new Candidate(Keys.sanitize(sample.key()), origin(sample.shard(), sample.key()),
                    () -> build(sample.members()));
        }
        if (entry instanceof WebDatasetReader.Damage damage) {
            return Candidate.rejected(Keys.sanitize(damage.key()), origin(damage.shard(), damage.key()),
                    damage.restOfShardSkipped() ? "damaged_shard" : "bad_sample", damage.reason());
        }
        WebDatasetReader.ShardDone done = (WebDatasetReader.ShardDone) entry;
        inputsRead.add(new InputFile(done.shard().getFileName().toString(), done.bytes(), done.sha256()));
        return null;
    }

    private static String origin(Path shard, String key) {
        return shard.getFileName() + ":" + key;
    }

    private static IngestedSample build(SortedMap<String, byte[]> members) throws RejectedRecordException {
        byte[] image = imageMember(members);
        byte[] caption = members.get("txt");
        if (caption == null || new String(caption, StandardCharsets.UTF_8).isBlank()) {
            throw new RejectedRecordException("missing_caption", "no caption (.txt member) or an empty one");
        }
        RecordFacts facts = members.containsKey("json") ? facts(members.get("json")) : RecordFacts.ofClass("");
        try {
            return new IngestedSample(ImageCodec.decodeRgb(image), new String(caption, StandardCharsets.UTF_8).strip(),
                    facts);
        } catch (ImageCodec.CorruptImageException e) {
            throw new RejectedRecordException("corrupt_image", e.getMessage());
        }
    }

    /** The first member whose extension's last part names an image format ("jpg", "seg.png", ...). */
    private static byte[] imageMember(SortedMap<String, byte[]> members) throws RejectedRecordException {
        for (Map.Entry<String, byte[]> member : members.entrySet()) {
            String extension = member.getKey();
            String last = extension.substring(extension.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
            if (IMAGE_EXTENSIONS.contains(last)) {
                return member.getValue();
            }
        }
        throw new RejectedRecordException("missing_image",
                "no image member (" + String.join("/", IMAGE_EXTENSIONS) + ") among " + members.keySet());
    }

    private static RecordFacts facts(byte[] json) throws RejectedRecordException {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new RejectedRecordException("bad_metadata", "unparseable .json member: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new RejectedRecordException("bad_metadata", ".json member is not a JSON object");
        }
        SortedMap<String, String> factors = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!FACT_FIELDS.contains(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()) {
                factors.put(field.getKey(), field.getValue().asText());
            }
        }
        String className = text(node, "class_name", text(node, "class", text(node, "label", "")));
        return new RecordFacts(className, text(node, "domain", ""), text(node, "domain_label", ""),
                text(node, "background", ""), text(node, "group", ""), factors);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? fallback : value.asText();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
