package org.clipdg.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.clipdg.core.Hashing;
import org.clipdg.core.embedding.EmbeddingShardFile;
import org.clipdg.core.embedding.UnitVectors;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.ImageEmbedding;

/**
 * A synthetic embeddings folder in the embedding step's format: {@code count} unit vectors drawn
 * uniformly on the sphere (normalised Gaussians), in shards of {@code shardSize}, each shard from
 * its own seeded generator, so any shard is the same whoever writes it and an interrupted run
 * resumes shard by shard. For scale tests of the similarity step without images or a model.
 */
final class RandomEmbeddings {
    /** The manifest's source of such folders. */
    static final String SOURCE = "random";

    record Settings(String dataset, long count, int dimension, int shardSize, long seed, String modelId) {
        Settings {
            if (count < 0 || dimension < 1 || shardSize < 1) {
                throw new IllegalArgumentException("count >= 0, dimension >= 1 and shard size >= 1 required, got " + count + ", "
                        + dimension + " and " + shardSize);
            }
        }

        long shards() {
            return Math.max(1, (count + shardSize - 1) / shardSize);
        }
    }

    private RandomEmbeddings() {}

    static EmbeddingManifest write(Settings settings, Path out, int threads, PrintStream progress) throws IOException {
        List<EmbeddingFolder.PlannedShard> planned = new ArrayList<>();
        for (int index = 0; index < settings.shards(); index++) {
            String source = String.format("random dataset=%s dimension=%d seed=%d shard=%d", settings.dataset(),
                    settings.dimension(), settings.seed(), index);
            planned.add(new EmbeddingFolder.PlannedShard(index, source, sha256(source), source));
        }
        List<EmbeddingFolder.PlannedShard> pending = EmbeddingFolder.pending(out, planned, settings.modelId());
        progress.printf("[random-embeddings %s] %,d %d-d vectors in %d shards, %d to write%n", settings.dataset(), settings.count(),
                settings.dimension(), planned.size(), pending.size());
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> pending.parallelStream().forEach(shard -> writeShard(settings, shard, out))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        } finally {
            pool.shutdown();
        }
        String identity = String.format("random count=%d dimension=%d shard_size=%d seed=%d", settings.count(),
                settings.dimension(), settings.shardSize(), settings.seed());
        return EmbeddingFolder.finish(out, new EmbeddingFolder.Identity(settings.dataset(), sha256(identity), SOURCE,
                settings.modelId(), SOURCE, settings.dimension()), planned);
    }

    private static void writeShard(Settings settings, EmbeddingFolder.PlannedShard shard, Path out) {
        long first = (long) shard.index() * settings.shardSize();
        int rows = (int) Math.min(settings.shardSize(), settings.count() - first);
        SplittableRandom random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + shard.index());
        List<ImageEmbedding> records = new ArrayList<>(rows);
        float[] vector = new float[settings.dimension()];
        for (int r = 0; r < rows; r++) {
            float[] unit;
            do {
                for (int c = 0; c < vector.length; c++) {
                    vector[c] = (float) random.nextGaussian();
                }
                unit = UnitVectors.l2Normalised(vector);
            } while (unit == null);
            List<Float> embedding = new ArrayList<>(unit.length);
            for (float value : unit) {
                embedding.add(value);
            }
            records.add(new ImageEmbedding(String.format("%012d", first + r), settings.dataset(), embedding, settings.modelId()));
        }
        try {
            EmbeddingShardFile.write(out.resolve(shard.name()), new EmbeddingShardFile.Header(shard.source(), shard.sourceSha256(),
                    settings.modelId(), rows, List.of()), records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        return Hashing.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
