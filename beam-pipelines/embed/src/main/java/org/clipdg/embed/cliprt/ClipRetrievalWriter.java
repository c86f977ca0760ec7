package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.EmbeddingShardFile;
import org.clipdg.schema.ImageEmbedding;

/**
 * Exports a finished embeddings folder in clip-retrieval's layout, for numpy and pandas users: shard
 * {@code i} of the manifest becomes {@code img_emb/img_emb_{i}.npy} (float32) and
 * {@code metadata/metadata_{i}.csv} ({@code key,dataset}), rows in the shard's key order.
 */
public final class ClipRetrievalWriter {
    private ClipRetrievalWriter() {}

    public static void write(Path embeddingsDir, Path target) throws IOException {
        EmbeddedDataset dataset = EmbeddedDataset.open(embeddingsDir);
        List<Path> shards = dataset.shards();
        Set<Path> files = new HashSet<>();
        for (int i = 0; i < shards.size(); i++) {
            files.add(ClipRetrievalLayout.embeddings(target, i));
            files.add(ClipRetrievalLayout.metadata(target, i));
        }
        requireNoOtherFiles(target.resolve(ClipRetrievalLayout.EMBEDDINGS_DIR), files);
        requireNoOtherFiles(target.resolve(ClipRetrievalLayout.METADATA_DIR), files);
        Files.createDirectories(target.resolve(ClipRetrievalLayout.EMBEDDINGS_DIR));
        Files.createDirectories(target.resolve(ClipRetrievalLayout.METADATA_DIR));
        for (int i = 0; i < shards.size(); i++) {
            long count = EmbeddingShardFile.readHeader(shards.get(i)).count();
            List<String> keys = new ArrayList<>();
            writeNpy(ClipRetrievalLayout.embeddings(target, i), shards.get(i), count, dataset.dimension(), keys);
            writeCsv(ClipRetrievalLayout.metadata(target, i), keys, dataset.name());
        }
    }

    /** Streams a shard into an npy file, collecting its keys: a whole shard of boxed embeddings may not fit in memory. */
    private static void writeNpy(Path npy, Path shard, long count, int dimension, List<String> keys) throws IOException {
        float[] row = new float[dimension];
        AtomicFiles.write(npy, out -> {
            NpyWriter writer = new NpyWriter(npy, out, count, dimension);
            try (DataFileReader<ImageEmbedding> reader = new DataFileReader<>(shard.toFile(),
                    new SpecificDatumReader<>(ImageEmbedding.class))) {
                ImageEmbedding record = null;
                while (reader.hasNext()) {
                    record = reader.next(record);
                    List<Float> embedding = record.getEmbedding();
                    if (embedding.size() != dimension) {
                        throw new IOException(shard + ": embedding of " + record.getKey() + " has " + embedding.size()
                                + " values, the manifest's dimension is " + dimension);
                    }
                    for (int d = 0; d < dimension; d++) {
                        row[d] = embedding.get(d);
                    }
                    writer.append(row);
                    keys.add(record.getKey().toString());
                }
            } catch (AvroRuntimeException e) {
                throw new IOException(shard + ": damaged embedding shard: " + e.getMessage(), e);
            }
            writer.finish();
        });
    }

    /** Writes {@code key,dataset} rows, RFC 4180. */
    private static void writeCsv(Path csv, List<String> keys, String dataset) throws IOException {
        AtomicFiles.write(csv, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader(KeyColumn.KEY.column, "dataset").build();
            CSVPrinter printer = new CSVPrinter(writer, format);
            for (String key : keys) {
                printer.printRecord(key, dataset);
            }
            printer.flush();
        });
    }

    /** An earlier, larger export into the same folder would leave files that look like part of this one. */
    private static void requireNoOtherFiles(Path dir, Set<Path> expected) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> listing = Files.list(dir)) {
            List<Path> others = listing.filter(file -> !expected.contains(file)
                    && !file.getFileName().toString().endsWith(AtomicFiles.PARTIAL_SUFFIX)).sorted().toList();
            if (!others.isEmpty()) {
                throw new IOException(dir + ": holds " + others.size() + " file(s) this export does not write, e.g. "
                        + others.get(0).getFileName() + "; export into an empty folder");
            }
        }
    }
}
