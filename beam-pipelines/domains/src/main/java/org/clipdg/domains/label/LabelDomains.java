package org.clipdg.domains.label;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.transforms.Create;
import org.clipdg.core.AvroJson;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.Hashing;
import org.clipdg.core.Progress;
import org.clipdg.core.beam.BeamRunners;
import org.clipdg.core.domain.LabelledDataset;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.domains.DomainClassifier;
import org.clipdg.schema.DomainClassifierCard;
import org.clipdg.schema.DomainLabel;
import org.clipdg.schema.DomainLabelManifest;
import org.clipdg.schema.EmbeddingShard;
import org.clipdg.schema.LabelShard;

/**
 * The labelling pipeline over one dataset's embeddings: read shards in batches, apply the domain
 * classifier, write one label shard per embedding shard; the manifest is written last, from the
 * files themselves.
 */
public final class LabelDomains {
    private final LabelDomainsOptions options;
    private final PrintStream progress;

    public LabelDomains(LabelDomainsOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    public DomainLabelManifest execute() throws IOException {
        // Absolute: a Flink cluster's workers open these folders from their own working directories.
        EmbeddedDataset embeddings = EmbeddedDataset.open(Path.of(options.getEmbeddings()).toAbsolutePath());
        DomainClassifier classifier = DomainClassifier.open(Path.of(options.getClassifier()).toAbsolutePath());
        checkSameSpace(embeddings, classifier);
        if (options.getBatchSize() < 1) {
            throw new IllegalArgumentException("--batchSize must be at least 1, got " + options.getBatchSize());
        }
        Path out = Files.createDirectories(Path.of(options.getOutput()).toAbsolutePath());
        Files.deleteIfExists(out.resolve(LabelledDataset.MANIFEST));
        try (var stale = Files.newDirectoryStream(out, "labels-*.avro")) {
            for (Path file : stale) {
                Files.delete(file);
            }
        }
        List<Batches.Shard> shards = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < embeddings.shards().size(); i++) {
            EmbeddingShard shard = embeddings.manifest().getShards().get(i);
            shards.add(new Batches.Shard(i, embeddings.shards().get(i).toString(), embeddings.name(),
                    embeddings.manifest().getModelCardSha256(), embeddings.dimension()));
            counts.add(shard.getNumEmbeddings());
        }
        run(classifier, shards, counts, out, embeddings.manifest().getNumEmbeddings());
        for (Batches.Shard shard : shards) {
            if (counts.get(shard.index()) == 0) {
                writeEmpty(out.resolve(WriteLabelShards.fileName(shard.index())), shard);
            }
        }
        DomainLabelManifest manifest = manifest(embeddings, classifier, out);
        AvroJson.write(out.resolve(LabelledDataset.MANIFEST), manifest);
        progress.printf(Locale.ROOT, "[label-domains %s] %,d labelled; default %s; strict %s%n", embeddings.name(),
                manifest.getNumLabels(), manifest.getCountsDefault(), manifest.getCountsStrict());
        return manifest;
    }

    private static void checkSameSpace(EmbeddedDataset embeddings, DomainClassifier classifier) {
        DomainClassifierCard card = classifier.card();
        String model = embeddings.manifest().getModelCardSha256();
        if (!card.getModelCardSha256().equals(model) || card.getInputDimension() != embeddings.dimension()) {
            throw new IllegalArgumentException(embeddings.dir() + ": embeddings of model " + model + " (" + embeddings.dimension()
                    + "-d), but the classifier in " + classifier.dir() + " was trained on model " + card.getModelCardSha256()
                    + " (" + card.getInputDimension() + "-d); embed the dataset with the classifier's model");
        }
    }

    private void run(DomainClassifier classifier, List<Batches.Shard> shards, List<Long> counts, Path out, long total)
            throws IOException {
        int cpus = options.getCpus() > 0 ? options.getCpus() : Runtime.getRuntime().availableProcessors();
        int workers = options.getWorkers() > 0 ? options.getWorkers() : cpus;
        int threads = Math.max(1, cpus / workers);
        String label = "label-domains " + shards.get(0).dataset();
        Pipeline pipeline = Pipeline.create(BeamRunners.tuned(options, workers, progress, label));
        pipeline.apply("ListEmbeddingShards", Create.of(shards).withCoder(SerializableCoder.of(Batches.Shard.class)))
                .apply("ReadEmbeddingBatches", new ReadEmbeddingBatches(options.getBatchSize()))
                .apply("ApplyDomainClassifier", new ApplyDomainClassifier(classifier, threads))
                .apply("WriteLabelShards", new WriteLabelShards(shards, counts, out));
        long before = ApplyDomainClassifier.LABELLED_IN_THIS_JVM.get();
        long started = System.nanoTime();
        try (Progress reporter = BeamRunners.progress(options, progress, label, "embeddings", total,
                () -> ApplyDomainClassifier.LABELLED_IN_THIS_JVM.get() - before)) {
            PipelineResult result = pipeline.run();
            PipelineResult.State state = result.waitUntilFinish();
            if (state != PipelineResult.State.DONE) {
                throw new IOException("labelling pipeline ended in state " + state);
            }
            MetricsFilter labelledCounter = MetricsFilter.builder().addNameFilter(MetricNameFilter.named(
                    ApplyDomainClassifier.METRICS_NAMESPACE, ApplyDomainClassifier.LABELLED)).build();
            long labelled = 0;
            for (MetricResult<Long> counter : result.metrics().queryMetrics(labelledCounter).getCounters()) {
                labelled += counter.getAttempted();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.printf(Locale.ROOT, "[%s] pipeline done: %,d labelled, %.1f embeddings/s, %.1f s%n", label, labelled,
                    labelled / seconds, seconds);
        }
    }

    private static void writeEmpty(Path target, Batches.Shard shard) throws IOException {
        try (AvroRecordFile.Writer<DomainLabel> writer = AvroRecordFile.create(target, DomainLabel.getClassSchema(),
                shard.dataset() + "/" + target.getFileName())) {
            writer.commit();
        }
    }

    private static DomainLabelManifest manifest(EmbeddedDataset embeddings, DomainClassifier classifier, Path out)
            throws IOException {
        Map<String, Long> byDefault = zeroCounts();
        Map<String, Long> byStrict = zeroCounts();
        List<LabelShard> shards = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < embeddings.shards().size(); i++) {
            Path file = out.resolve(WriteLabelShards.fileName(i));
            long[] count = new long[1];
            AvroRecordFile.forEach(file, DomainLabel.class, label -> {
                byDefault.merge(label.getLabelDefault(), 1L, Long::sum);
                byStrict.merge(label.getLabelStrict(), 1L, Long::sum);
                count[0]++;
            });
            total += count[0];
            shards.add(new LabelShard(file.getFileName().toString(), embeddings.manifest().getShards().get(i).getName(),
                    count[0], Files.size(file), Hashing.sha256(file)));
        }
        return DomainLabelManifest.newBuilder()
                .setDataset(embeddings.name())
                .setEmbeddingManifestSha256(Hashing.sha256(embeddings.dir().resolve(EmbeddedDataset.MANIFEST)))
                .setClassifierCardSha256(classifier.cardSha256())
                .setModelCardSha256(embeddings.manifest().getModelCardSha256())
                .setNumLabels(total)
                .setCountsDefault(byDefault)
                .setCountsStrict(byStrict)
                .setShards(shards)
                .setToolVersion(ClipdgVersion.get())
                .build();
    }

    private static Map<String, Long> zeroCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String label : List.of(DomainLabels.NATURAL, DomainLabels.AMBIGUOUS, DomainLabels.RENDITION)) {
            counts.put(label, 0L);
        }
        return counts;
    }
}
