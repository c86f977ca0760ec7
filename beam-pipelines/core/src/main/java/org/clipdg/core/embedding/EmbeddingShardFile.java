package org.clipdg.core.embedding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.Hashing;
import org.clipdg.schema.ImageEmbedding;

/**
 * One shard of embeddings: an uncompressed Avro file of {@link ImageEmbedding} records sorted by
 * key, whose header says what it was computed from and which records of that input were rejected.
 * Written whole under a temporary name and renamed, so a shard that exists is complete: this is
 * what lets an interrupted embedding run resume shard by shard.
 */
public final class EmbeddingShardFile {
    private static final String SOURCE = "clipdg.source";
    private static final String SOURCE_SHA256 = "clipdg.source_sha256";
    private static final String MODEL_ID = "clipdg.model_id";
    private static final String COUNT = "clipdg.count";
    private static final String REJECTED = "clipdg.rejected";

    /** What a shard's header records: its input (name and sha256), the model, the counts and the rejections. */
    public record Header(String source, String sourceSha256, String modelId, long count, List<Rejection> rejected) {}

    private EmbeddingShardFile() {}

    /** Writes {@code records} (sorted here by key; keys must be unique) atomically to {@code target}. */
    public static void write(Path target, Header header, List<ImageEmbedding> records) throws IOException {
        List<ImageEmbedding> sorted = new ArrayList<>(records);
        sorted.sort((a, b) -> a.getKey().toString().compareTo(b.getKey().toString()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).getKey().toString().equals(sorted.get(i - 1).getKey().toString())) {
                throw new IllegalArgumentException(target + ": duplicate key " + sorted.get(i).getKey());
            }
        }
        if (header.count() != sorted.size()) {
            throw new IllegalArgumentException(target + ": header says " + header.count() + " records, got " + sorted.size());
        }
        StringBuilder rejected = new StringBuilder();
        for (Rejection rejection : header.rejected()) {
            rejected.append(rejection.toTsv()).append('\n');
        }
        AtomicFiles.write(target, out -> {
            try (DataFileWriter<ImageEmbedding> writer = new DataFileWriter<>(new SpecificDatumWriter<>(ImageEmbedding.class))) {
                writer.setCodec(CodecFactory.nullCodec());
                writer.setMeta(SOURCE, header.source());
                writer.setMeta(SOURCE_SHA256, header.sourceSha256());
                writer.setMeta(MODEL_ID, header.modelId());
                writer.setMeta(COUNT, header.count());
                writer.setMeta(REJECTED, rejected.toString());
                writer.create(ImageEmbedding.getClassSchema(), out, syncMarker(header));
                for (ImageEmbedding record : sorted) {
                    writer.append(record);
                }
            }
        });
    }

    /**
     * Avro picks a random block sync marker per file; deriving it from the shard's identity keeps
     * the same embeddings byte-identical, whichever run or runner wrote them.
     */
    private static byte[] syncMarker(Header header) {
        byte[] digest = Hashing.sha256().digest((header.source() + "\n" + header.sourceSha256() + "\n" + header.modelId())
                .getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(digest, 16);
    }

    public static Header readHeader(Path shard) throws IOException {
        try (DataFileReader<ImageEmbedding> reader = open(shard)) {
            List<Rejection> rejected = new ArrayList<>();
            for (String line : new String(reader.getMeta(REJECTED), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    rejected.add(Rejection.fromTsv(line));
                }
            }
            return new Header(reader.getMetaString(SOURCE), reader.getMetaString(SOURCE_SHA256),
                    reader.getMetaString(MODEL_ID), reader.getMetaLong(COUNT), rejected);
        } catch (AvroRuntimeException | NullPointerException | IllegalArgumentException e) {
            throw new IOException(shard + ": not a clipdg embedding shard (" + e + ")", e);
        }
    }

    /** Every record of a shard, in key order. */
    public static List<ImageEmbedding> readAll(Path shard) throws IOException {
        List<ImageEmbedding> records = new ArrayList<>();
        try (DataFileReader<ImageEmbedding> reader = open(shard)) {
            Iterator<ImageEmbedding> it = reader.iterator();
            while (it.hasNext()) {
                records.add(it.next());
            }
        } catch (AvroRuntimeException e) {
            throw new IOException(shard + ": damaged embedding shard: " + e.getMessage(), e);
        }
        return records;
    }

    private static DataFileReader<ImageEmbedding> open(Path shard) throws IOException {
        if (!Files.isRegularFile(shard)) {
            throw new IOException(shard + ": no such embedding shard");
        }
        try {
            return new DataFileReader<>(shard.toFile(), new SpecificDatumReader<>(ImageEmbedding.class));
        } catch (IOException | AvroRuntimeException e) {
            throw new IOException(shard + ": not an Avro file: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
