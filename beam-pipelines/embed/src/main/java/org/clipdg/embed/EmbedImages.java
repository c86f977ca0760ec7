package org.clipdg.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.clipdg.core.Chunk;
import org.clipdg.core.Progress;
import org.clipdg.core.beam.BeamRunners;
import org.clipdg.core.embedding.Rejection;
import org.clipdg.embed.cliprt.ClipRetrievalWriter;
import org.clipdg.embed.cliprt.PrecomputedImport;
import org.clipdg.schema.EmbeddingManifest;
import org.clipdg.schema.ShardInfo;

/**
 * The embedding pipeline over one ingested dataset: read shards, decode and preprocess, batch,
 * infer, write one output shard per input shard. Only shards not already written (by an
 * interrupted run) are computed; the manifest is assembled from the shard files at the end.
 */
public final class EmbedImages {
    /** The manifest's source for embeddings computed from the dataset's images. */
    public static final String SOURCE = "images";

    private final EmbedImagesOptions options;
    private final PrintStream progress;

    public EmbedImages(EmbedImagesOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs the step as the options say: from the store when already computed there, else computing what is missing. */
    public EmbeddingManifest execute() throws IOException {
        EmbeddingPlan plan = EmbeddingPlan.of(options, progress);
        // Absolute: a Flink cluster's workers write there from their own working directories.
        Path output = Path.of(options.getOutput()).toAbsolutePath();
        EmbeddingManifest manifest;
        // Imports are cheap and their input is not part of the store's key: they never use it.
        if (options.getStore().isEmpty() || !options.getPrecomputed().isEmpty()) {
            manifest = produce(plan, output);
        } else {
            EmbeddingStore store = new EmbeddingStore(Path.of(options.getStore()).toAbsolutePath());
            Path slot = store.slot(plan.dataset().name(), plan.datasetManifestSha256(), plan.model().cardSha256());
            manifest = store.finished(slot, plan.datasetManifestSha256(), plan.model().cardSha256());
            if (manifest != null) {
                progress.printf("[embed %s] reusing %,d embeddings from the store: %s%n", plan.dataset().name(),
                        manifest.getNumEmbeddings(), slot);
            } else {
                manifest = produce(plan, slot);
            }
            store.publish(slot, output);
        }
        if (!options.getClipRetrievalOutput().isEmpty()) {
            Path layout = Path.of(options.getClipRetrievalOutput());
            ClipRetrievalWriter.write(output, layout);
            progress.printf("[embed %s] clip-retrieval layout written to %s%n", plan.dataset().name(), layout);
        }
        return manifest;
    }

    /** Embeds the dataset's images, or imports precomputed embeddings of them, into {@code out}. */
    private EmbeddingManifest produce(EmbeddingPlan plan, Path out) throws IOException {
        if (options.getPrecomputed().isEmpty()) {
            return embedInto(plan, out);
        }
        return PrecomputedImport.run(Path.of(options.getPrecomputed()), out, plan.datasetKeys(),
                plan.identity(PrecomputedImport.SOURCE, plan.tower().dimension()));
    }

    /** Computes the shards still missing from {@code out}, then writes its manifest. */
    EmbeddingManifest embedInto(EmbeddingPlan plan, Path out) throws IOException {
        embedShards(plan, plan.shards(), out);
        return EmbeddingFolder.finish(out, plan.identity(SOURCE, plan.tower().dimension()), plan.shards());
    }

    /**
     * Embeds one group of the dataset's shards ({@code --shardGroup=I/N}): into the store's slot,
     * then linked into the output folder (or into the output folder without a store). The folder
     * gets no manifest: {@link ShardGroups#merge} completes it once every group is done. Group tasks
     * of one dataset share its slot, each writing its own shards, so each resumes there.
     */
    public void embedShardGroup() throws IOException {
        Chunk group = Chunk.parse(options.getShardGroup());
        if (!options.getPrecomputed().isEmpty() || !options.getClipRetrievalOutput().isEmpty()) {
            throw new IllegalArgumentException("--shardGroup does not combine with --precomputed or --clipRetrievalOutput,"
                    + " which need the whole dataset");
        }
        EmbeddingPlan plan = EmbeddingPlan.of(options, progress);
        List<ShardInfo> shards = plan.dataset().manifest().getShards();
        List<EmbeddingFolder.PlannedShard> mine = group.select(plan.shards(), shard -> shards.get(shard.index()).getNumSamples());
        progress.printf("[embed %s] shard group %s: %d of %d shards%n", plan.dataset().name(), group, mine.size(), shards.size());
        Path output = Path.of(options.getOutput());
        if (options.getStore().isEmpty()) {
            embedShards(plan, mine, output);
            return;
        }
        EmbeddingStore store = new EmbeddingStore(Path.of(options.getStore()));
        Path slot = store.slot(plan.dataset().name(), plan.datasetManifestSha256(), plan.model().cardSha256());
        if (store.finished(slot, plan.datasetManifestSha256(), plan.model().cardSha256()) == null) {
            embedShards(plan, mine, slot);
        } else {
            progress.printf("[embed %s] reusing the group's shards from the store: %s%n", plan.dataset().name(), slot);
        }
        store.link(slot, mine.stream().map(EmbeddingFolder.PlannedShard::name).toList(), output);
    }

    /** Computes the shards of {@code shards} still missing from {@code out}. */
    private void embedShards(EmbeddingPlan plan, List<EmbeddingFolder.PlannedShard> shards, Path out) throws IOException {
        List<EmbeddingFolder.PlannedShard> pending = EmbeddingFolder.pending(out, shards, plan.model().cardSha256());
        List<ShardInfo> infos = plan.dataset().manifest().getShards();
        long images = pending.stream().mapToLong(shard -> infos.get(shard.index()).getNumSamples()).sum();
        progress.printf("[embed %s] %d of %d shards to compute (%,d images), %d already done%n", plan.dataset().name(),
                pending.size(), shards.size(), images, shards.size() - pending.size());
        if (!pending.isEmpty()) {
            run(plan, pending, out, images);
        }
    }

    private void run(EmbeddingPlan plan, List<EmbeddingFolder.PlannedShard> pending, Path out, long images) throws IOException {
        String label = "embed " + plan.dataset().name();
        Pipeline pipeline = Pipeline.create(BeamRunners.tuned(options, plan.workers(), progress, label));
        build(pipeline, plan, pending, out);
        long started = System.nanoTime();
        long embeddedBefore = EmbedMetrics.EMBEDDED_IN_THIS_JVM.get();
        try (Progress reporter = BeamRunners.progress(options, progress, label, "images", images,
                () -> EmbedMetrics.EMBEDDED_IN_THIS_JVM.get() - embeddedBefore)) {
            PipelineResult result = pipeline.run();
            PipelineResult.State state = result.waitUntilFinish();
            if (state != PipelineResult.State.DONE) {
                throw new IOException("embedding pipeline ended in state " + state);
            }
            printSummary(plan.dataset().name(), result.metrics().queryMetrics(MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(EmbedMetrics.NAMESPACE)).build()), System.nanoTime() - started);
        }
    }

    /** The pipeline graph; a named composite transform per stage. */
    static void build(Pipeline pipeline, EmbeddingPlan plan, List<EmbeddingFolder.PlannedShard> pending, Path out) {
        EmbedImagesOptions options = pipeline.getOptions().as(EmbedImagesOptions.class);
        PCollection<EmbeddingFolder.PlannedShard> shards = pipeline.apply("ListPendingShards",
                Create.of(pending).withCoder(SerializableCoder.of(EmbeddingFolder.PlannedShard.class)));
        PCollectionTuple read = shards.apply("ReadShards", new ReadShards());
        PCollectionTuple pixels = read.get(ReadShards.IMAGES)
                .apply("PreprocessImages", new PreprocessImages(plan.preprocessor(), plan.shardNames()));
        PCollectionTuple embedded = pixels.get(PreprocessImages.PIXELS)
                .apply("BatchImages", new BatchImages(options.getBatchSize(), plan.workers()))
                .apply("InferEmbeddings", new InferEmbeddings(plan.tower(), plan.shardNames()));
        PCollection<KV<Integer, Rejection>> rejections = PCollectionList
                .of(read.get(ReadShards.REJECTED))
                .and(pixels.get(PreprocessImages.REJECTED))
                .and(embedded.get(InferEmbeddings.REJECTED))
                .apply("AllRejections", Flatten.pCollections());
        PCollection<KV<Integer, ImageTensor>> embeddings = embedded.get(InferEmbeddings.EMBEDDINGS)
                .apply("KeyByShard", WithKeys.of(ImageTensor::shard).withKeyType(TypeDescriptors.integers()));
        PCollectionTuple.of(WriteEmbeddingShards.EMBEDDINGS, embeddings)
                .and(WriteEmbeddingShards.REJECTIONS, rejections)
                .and(WriteEmbeddingShards.SAMPLES, read.get(ReadShards.SAMPLES_PER_SHARD))
                .apply("WriteEmbeddingShards", new WriteEmbeddingShards(plan.shards(), out, plan.dataset().name(),
                        plan.model().cardSha256()));
    }

    private void printSummary(String dataset, MetricQueryResults metrics, long wallNanos) {
        Map<String, Long> counters = new TreeMap<>();
        for (MetricResult<Long> counter : metrics.getCounters()) {
            counters.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
        }
        long read = counters.getOrDefault(EmbedMetrics.READ_NANOS, 0L);
        long decode = counters.getOrDefault(EmbedMetrics.PREPROCESS_NANOS, 0L);
        long infer = counters.getOrDefault(EmbedMetrics.INFERENCE_NANOS, 0L);
        long write = counters.getOrDefault(EmbedMetrics.WRITE_NANOS, 0L);
        long embedded = counters.getOrDefault(EmbedMetrics.EMBEDDED, 0L);
        double busy = Math.max(1, read + decode + infer + write);
        double seconds = wallNanos / 1e9;
        progress.printf(Locale.ROOT, "[embed %s] done: %,d embedded, %,d rejected, %.1f images/s, %.1f s; time in read %.1f%%,"
                        + " decode+preprocess %.1f%%, inference %.1f%%, write %.1f%%%n", dataset, embedded,
                counters.getOrDefault(EmbedMetrics.REJECTED, 0L), embedded / seconds, seconds,
                100 * read / busy, 100 * decode / busy, 100 * infer / busy, 100 * write / busy);
    }

}
