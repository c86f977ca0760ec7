package org.clipdg.domains.label;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.clipdg.core.embedding.VectorBlock;

/** Reads each embedding shard, every record checked (model, dimension, finite, unit length), in batches. */
final class ReadEmbeddingBatches extends PTransform<PCollection<Batches.Shard>, PCollection<KV<Integer, Batches.Embeddings>>> {
    private final int batchSize;

    ReadEmbeddingBatches(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public PCollection<KV<Integer, Batches.Embeddings>> expand(PCollection<Batches.Shard> shards) {
        return shards.apply("ReadShard", ParDo.of(new ReadFn(batchSize)))
                .setCoder(KvCoder.of(VarIntCoder.of(), SerializableCoder.of(Batches.Embeddings.class)));
    }

    private static final class ReadFn extends DoFn<Batches.Shard, KV<Integer, Batches.Embeddings>> {
        private final int batchSize;

        ReadFn(int batchSize) {
            this.batchSize = batchSize;
        }

        @ProcessElement
        public void process(@Element Batches.Shard shard, OutputReceiver<KV<Integer, Batches.Embeddings>> out) throws Exception {
            VectorBlock block = VectorBlock.readShard(Path.of(shard.path()), shard.dataset(), shard.modelId(), shard.dimension());
            FloatBuffer vectors = block.vectors();
            for (int start = 0; start < block.rows(); start += batchSize) {
                int rows = Math.min(batchSize, block.rows() - start);
                float[] batch = new float[rows * shard.dimension()];
                vectors.get(start * shard.dimension(), batch);
                String[] keys = Arrays.copyOfRange(block.keys(), start, start + rows);
                out.output(KV.of(shard.index(), new Batches.Embeddings(shard.index(), keys, batch)));
            }
        }
    }
}
