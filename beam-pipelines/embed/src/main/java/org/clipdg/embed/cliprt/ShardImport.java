package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.clipdg.core.embedding.EmbeddingShardFile;
import org.clipdg.core.embedding.Rejection;
import org.clipdg.embed.EmbeddingFolder;
import org.clipdg.schema.ImageEmbedding;

/** Turns one part of a clip-retrieval layout into one embedding shard, renormalising every imported row. */
final class ShardImport {
    static final String BAD_EMBEDDING = "bad_embedding";

    private final Path out;
    private final EmbeddingFolder.Identity identity;
    private final ImportProgress progress;

    ShardImport(Path out, EmbeddingFolder.Identity identity, ImportProgress progress) {
        this.out = out;
        this.identity = identity;
        this.progress = progress;
    }

    /** Writes the shard of {@code part}; {@code trailing} rejections are added to its header after the part's own. */
    void write(ClipRetrievalLayout.Part part, EmbeddingFolder.PlannedShard shard, KeyTriage.PartKeys keys,
            List<Rejection> trailing) throws IOException {
        List<ImageEmbedding> records = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        try (NpyReader reader = NpyReader.open(part.embeddings())) {
            float[] row = new float[reader.header().columns()];
            for (int r = 0; reader.next(row); r++) {
                progress.advance();
                Rejection rejection = keys.rejected().get(r);
                if (rejection != null) {
                    rejected.add(rejection);
                    continue;
                }
                float[] unit = unitLength(row);
                if (unit == null) {
                    rejected.add(new Rejection(keys.keys().get(r), KeyTriage.origin(part, r), BAD_EMBEDDING,
                            "norm is zero or not finite"));
                } else {
                    records.add(record(keys.keys().get(r), unit));
                }
            }
        }
        rejected.addAll(trailing);
        EmbeddingShardFile.Header header = new EmbeddingShardFile.Header(shard.source(), shard.sourceSha256(),
                identity.modelCardSha256(), records.size(), rejected);
        EmbeddingShardFile.write(out.resolve(shard.name()), header, records);
    }

    private ImageEmbedding record(String key, float[] unit) {
        return ImageEmbedding.newBuilder().setKey(key).setDataset(identity.dataset()).setEmbedding(new FloatArrayList(unit))
                .setModelId(identity.modelCardSha256()).build();
    }

    /** {@code row} scaled to unit L2 norm (accumulated in double), or null if it has no direction. */
    static float[] unitLength(float[] row) {
        double sum = 0;
        for (float value : row) {
            sum += (double) value * value;
        }
        double norm = Math.sqrt(sum);
        if (!(norm > 0) || Double.isInfinite(norm)) {
            return null;
        }
        float[] unit = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            unit[i] = (float) (row[i] / norm);
        }
        return unit;
    }
}
