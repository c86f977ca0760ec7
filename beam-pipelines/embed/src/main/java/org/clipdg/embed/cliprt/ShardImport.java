package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.clipdg.core.embedding.EmbeddingShardFile;
import org.clipdg.core.embedding.FloatArrayList;
import org.clipdg.core.embedding.UnitVectors;
import org.clipdg.core.embedding.Rejection;
import org.clipdg.embed.EmbeddingFolder;
import org.clipdg.schema.ImageEmbedding;

/**
 * Turns one part of a clip-retrieval layout into one embedding shard, renormalising every imported
 * row; its embeddings and metadata are read together, row by row.
 */
final class ShardImport {
    static final String BAD_EMBEDDING = "bad_embedding";

    private final Path out;
    private final EmbeddingFolder.Identity identity;
    private final AtomicLong rowsDone;

    ShardImport(Path out, EmbeddingFolder.Identity identity, AtomicLong rowsDone) {
        this.out = out;
        this.identity = identity;
        this.rowsDone = rowsDone;
    }

    /** Writes the shard of {@code part}; {@code trailing} rejections are added to its header after the part's own. */
    void write(ClipRetrievalLayout.Part part, EmbeddingFolder.PlannedShard shard, KeyTriage triage, List<Rejection> trailing)
            throws IOException {
        List<ImageEmbedding> records = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        try (NpyReader reader = NpyReader.open(part.embeddings()); MetadataKeys keys = MetadataKeys.open(part.metadata())) {
            float[] row = new float[reader.header().columns()];
            for (int r = 0; reader.next(row); r++) {
                rowsDone.incrementAndGet();
                String key = keys.next();
                if (key == null) {
                    throw KeyTriage.changedSinceScan(part);
                }
                Rejection rejection = triage.rejection(part, r, key);
                if (rejection != null) {
                    rejected.add(rejection);
                    continue;
                }
                float[] unit = UnitVectors.l2Normalised(row);
                if (unit == null) {
                    rejected.add(new Rejection(key, KeyTriage.origin(part, r), BAD_EMBEDDING, "norm is zero or not finite"));
                } else {
                    records.add(record(key, unit));
                }
            }
            if (keys.next() != null) {
                throw KeyTriage.changedSinceScan(part);
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
}
