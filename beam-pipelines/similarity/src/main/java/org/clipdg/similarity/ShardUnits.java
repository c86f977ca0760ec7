package org.clipdg.similarity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.clipdg.core.Chunk;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.schema.EmbeddingShard;

/**
 * The embedding shards of some datasets in order, grouped into units that a scan closes one at a
 * time and that chunks never split: each shard on its own, or, under the candidate cap, the cap
 * chunks (whole shards, a unit closing once it holds {@code capChunk} samples). Shard sizes come
 * from the manifests, so every chunk task plans the same units without reading a shard.
 */
final class ShardUnits {
    /** One shard and the samples its dataset's manifest gives it. */
    record Shard(EmbeddedDataset dataset, Path file, long rows) {
        String name() {
            return dataset.name() + "/" + file.getFileName();
        }

        /** The shard's vectors, checked against the sample count of its manifest (the units are planned on those). */
        VectorBlock read(String modelId, int dimension) throws IOException {
            VectorBlock block = VectorBlock.readShard(file, dataset.name(), modelId, dimension);
            if (block.rows() != rows) {
                throw new IOException(file + ": " + block.rows() + " embeddings, but " + dataset.dir() + "/"
                        + EmbeddedDataset.MANIFEST + " says " + rows);
            }
            return block;
        }
    }

    private ShardUnits() {}

    /** The units of {@code datasets}: single shards when {@code capChunk} is 0. */
    static List<List<Shard>> of(List<EmbeddedDataset> datasets, long capChunk) {
        List<List<Shard>> units = new ArrayList<>();
        List<Shard> open = new ArrayList<>();
        long openRows = 0;
        for (EmbeddedDataset dataset : datasets) {
            for (EmbeddingShard shard : dataset.manifest().getShards()) {
                open.add(new Shard(dataset, dataset.dir().resolve(shard.getName()), shard.getNumEmbeddings()));
                openRows += shard.getNumEmbeddings();
                if (capChunk == 0 || openRows >= capChunk) {
                    units.add(open);
                    open = new ArrayList<>();
                    openRows = 0;
                }
            }
        }
        if (!open.isEmpty()) {
            units.add(open);
        }
        return units;
    }

    /** The units of one chunk, balanced by samples. */
    static List<List<Shard>> chunk(List<List<Shard>> units, Chunk chunk) {
        return chunk.select(units, ShardUnits::rows);
    }

    static long rows(List<Shard> unit) {
        return unit.stream().mapToLong(Shard::rows).sum();
    }

    static List<Shard> shards(List<List<Shard>> units) {
        return units.stream().flatMap(List::stream).toList();
    }
}
