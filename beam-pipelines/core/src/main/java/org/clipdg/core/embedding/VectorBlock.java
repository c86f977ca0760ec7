package org.clipdg.core.embedding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.clipdg.schema.ImageEmbedding;

/**
 * Embeddings of one dataset (or one of its shards) as a row-major matrix in native memory, the
 * form BLAS reads without a copy, with the key of every row. Rows are in key order.
 */
public record VectorBlock(String dataset, String[] keys, FloatBuffer vectors, int dimension) {
    /** A unit vector's squared norm may be this far from 1 (float32 rounding of a normalised vector is ~1e-7). */
    private static final double NORM_TOLERANCE = 1e-3;

    public int rows() {
        return keys.length;
    }

    /** One embedding shard, every record checked: the study's model, the dimension, finite and unit length. */
    public static VectorBlock readShard(Path shard, String dataset, String modelId, int dimension) throws IOException {
        return of(dataset, readChecked(shard, modelId, dimension), dimension);
    }

    /** Every embedding of a dataset, sorted by key (test and reference sets, held in memory). */
    public static VectorBlock readAll(EmbeddedDataset embeddings, String modelId) throws IOException {
        List<ImageEmbedding> all = new ArrayList<>();
        for (Path shard : embeddings.shards()) {
            all.addAll(readChecked(shard, modelId, embeddings.dimension()));
        }
        all.sort(Comparator.comparing(record -> record.getKey().toString()));
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).getKey().toString().equals(all.get(i - 1).getKey().toString())) {
                throw new IOException(embeddings.dir() + ": key '" + all.get(i).getKey() + "' appears in two shards");
            }
        }
        return of(embeddings.name(), all, embeddings.dimension());
    }

    private static List<ImageEmbedding> readChecked(Path shard, String modelId, int dimension) throws IOException {
        List<ImageEmbedding> records = EmbeddingShardFile.readAll(shard);
        for (ImageEmbedding record : records) {
            check(record, shard, modelId, dimension);
        }
        return records;
    }

    /** Records already checked, as a matrix. */
    private static VectorBlock of(String dataset, List<ImageEmbedding> records, int dimension) {
        FloatBuffer vectors = ByteBuffer.allocateDirect(Math.multiplyExact(records.size() * 4, dimension))
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        String[] keys = new String[records.size()];
        for (int i = 0; i < records.size(); i++) {
            ImageEmbedding record = records.get(i);
            keys[i] = record.getKey().toString();
            for (Float value : record.getEmbedding()) {
                vectors.put(value);
            }
        }
        return new VectorBlock(dataset, keys, vectors.flip(), dimension);
    }

    private static void check(ImageEmbedding record, Path source, String modelId, int dimension) throws IOException {
        String where = source + ", key '" + record.getKey() + "': ";
        if (!modelId.equals(record.getModelId().toString())) {
            throw new IOException(where + "embedding from model " + record.getModelId() + ", the study's model is " + modelId);
        }
        List<Float> embedding = record.getEmbedding();
        if (embedding.size() != dimension) {
            throw new IOException(where + embedding.size() + "-d embedding, the manifest says " + dimension);
        }
        double squaredNorm = 0;
        for (int i = 0; i < dimension; i++) {
            float value = embedding.get(i);
            if (!Float.isFinite(value)) {
                throw new IOException(where + "embedding component " + i + " is " + value);
            }
            squaredNorm += (double) value * value;
        }
        if (Math.abs(squaredNorm - 1) > NORM_TOLERANCE) {
            throw new IOException(where + String.format("embedding is not L2-normalised (norm %.6f); cosine similarity"
                    + " needs unit vectors", Math.sqrt(squaredNorm)));
        }
    }
}
