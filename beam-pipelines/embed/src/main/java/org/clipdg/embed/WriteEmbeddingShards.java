package org.clipdg.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.clipdg.core.embedding.EmbeddingShardFile;
import org.clipdg.core.embedding.FloatArrayList;
import org.clipdg.core.embedding.Rejection;
import org.clipdg.schema.ImageEmbedding;

/**
 * Gathers each input shard's embeddings and rejections and writes its output shard whole (sorted
 * by key, committed by rename). Before writing it checks that every sample the shard held is
 * accounted for, embedded or rejected, so no image is ever silently lost.
 */
final class WriteEmbeddingShards extends PTransform<PCollectionTuple, PDone> {
    /** Inputs, each keyed by shard index: embeddings, rejections, and how many samples each shard held. */
    static final TupleTag<KV<Integer, ImageTensor>> EMBEDDINGS = new TupleTag<>() {};
    static final TupleTag<KV<Integer, Rejection>> REJECTIONS = new TupleTag<>() {};
    static final TupleTag<KV<Integer, Long>> SAMPLES = new TupleTag<>() {};

    private static final TupleTag<ImageTensor> GROUPED_EMBEDDINGS = new TupleTag<>() {};
    private static final TupleTag<Rejection> GROUPED_REJECTIONS = new TupleTag<>() {};
    private static final TupleTag<Long> GROUPED_SAMPLES = new TupleTag<>() {};

    private final List<EmbeddingFolder.PlannedShard> planned;
    private final String outputDir;
    private final String dataset;
    private final String modelId;

    /** {@code planned} holds every shard of the dataset, shard {@code i} at position {@code i}. */
    WriteEmbeddingShards(List<EmbeddingFolder.PlannedShard> planned, Path outputDir, String dataset, String modelId) {
        this.planned = List.copyOf(planned);
        this.outputDir = outputDir.toString();
        this.dataset = dataset;
        this.modelId = modelId;
    }

    @Override
    public PDone expand(PCollectionTuple input) {
        KeyedPCollectionTuple.of(GROUPED_EMBEDDINGS, input.get(EMBEDDINGS))
                .and(GROUPED_REJECTIONS, input.get(REJECTIONS))
                .and(GROUPED_SAMPLES, input.get(SAMPLES))
                .apply("GroupByShard", CoGroupByKey.create())
                .apply("WriteShardFiles", ParDo.of(new WriteShardFn(planned, outputDir, dataset, modelId)));
        return PDone.in(input.getPipeline());
    }

    private static final class WriteShardFn extends DoFn<KV<Integer, CoGbkResult>, Void> {
        private final List<EmbeddingFolder.PlannedShard> planned;
        private final String outputDir;
        private final String dataset;
        private final String modelId;
        private final Counter nanos = EmbedMetrics.counter(EmbedMetrics.WRITE_NANOS);

        WriteShardFn(List<EmbeddingFolder.PlannedShard> planned, String outputDir, String dataset, String modelId) {
            this.planned = planned;
            this.outputDir = outputDir;
            this.dataset = dataset;
            this.modelId = modelId;
        }

        @ProcessElement
        public void process(@Element KV<Integer, CoGbkResult> group) throws Exception {
            long started = System.nanoTime();
            EmbeddingFolder.PlannedShard shard = planned.get(group.getKey());
            List<ImageEmbedding> records = new ArrayList<>();
            for (ImageTensor embedding : group.getValue().getAll(GROUPED_EMBEDDINGS)) {
                records.add(new ImageEmbedding(embedding.key(), dataset, new FloatArrayList(embedding.values()), modelId));
            }
            List<Rejection> rejected = new ArrayList<>();
            group.getValue().getAll(GROUPED_REJECTIONS).forEach(rejected::add);
            rejected.sort((a, b) -> a.key().compareTo(b.key()));
            long samples = group.getValue().getOnly(GROUPED_SAMPLES);
            if (records.size() + rejected.size() != samples) {
                throw new IllegalStateException(shard.input() + ": " + samples + " samples read but " + records.size()
                        + " embedded and " + rejected.size() + " rejected");
            }
            EmbeddingShardFile.write(Path.of(outputDir, shard.name()),
                    new EmbeddingShardFile.Header(shard.source(), shard.sourceSha256(), modelId, records.size(), rejected), records);
            nanos.inc(System.nanoTime() - started);
        }
    }
}
