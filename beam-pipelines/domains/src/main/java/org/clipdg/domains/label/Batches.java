package org.clipdg.domains.label;

import java.io.Serializable;

/** The elements flowing through the labelling pipeline, each tagged with its embedding shard. */
final class Batches {
    private Batches() {}

    /** Consecutive embeddings of one shard: {@code keys.length} rows of {@code vectors}, row-major. */
    record Embeddings(int shard, String[] keys, float[] vectors) implements Serializable {}

    /** The labels of one {@link Embeddings} batch, row for row. */
    record Labels(int shard, String[] keys, float[] pNatural, float[] pRendition, String[] defaultLabels, String[] strictLabels)
            implements Serializable {}

    /** One embedding shard to label: its index (the output's number), file and dataset. */
    record Shard(int index, String path, String dataset, String modelId, int dimension) implements Serializable {}
}
