package org.clipdg.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.clipdg.core.Hashing;
import org.clipdg.core.IngestedDataset;
import org.clipdg.core.WebDatasetReader;
import org.clipdg.core.beam.BeamRunners;
import org.clipdg.core.image.ImagePreprocessor;
import org.clipdg.core.model.ModelDirectory;
import org.clipdg.schema.ShardInfo;

/** Everything checked before any work: the inputs, the model against its card, the thread budget. */
record EmbeddingPlan(IngestedDataset dataset, String datasetManifestSha256, ModelDirectory model, ImagePreprocessor preprocessor,
        ImageTower.Settings tower, int workers, List<EmbeddingFolder.PlannedShard> shards) {

    List<String> shardNames() {
        return shards.stream().map(EmbeddingFolder.PlannedShard::source).toList();
    }

    EmbeddingFolder.Identity identity(String source, int dimension) {
        return new EmbeddingFolder.Identity(dataset.name(), datasetManifestSha256, model.name(), model.cardSha256(),
                source, dimension);
    }

    /** Checks the thread budget, the dataset and the model (against its card, by running it once) before any work. */
    static EmbeddingPlan of(EmbedImagesOptions options, PrintStream progress) throws IOException {
        int cpus = options.getCpus() > 0 ? options.getCpus() : Runtime.getRuntime().availableProcessors();
        int workers = options.getWorkers() != 0 ? options.getWorkers() : options.getDevice().equals("cuda") ? 1 : cpus;
        // On a cluster the workers share its TaskManagers' cores, not this machine's: one thread each by default, as
        // bin/flink-cluster gives a TaskManager one slot per core.
        boolean here = BeamRunners.runsInThisJvm(options);
        int ortThreads = options.getOrtThreads() > 0 ? options.getOrtThreads() : here ? Math.max(1, cpus / Math.max(1, workers)) : 1;
        if (workers < 1 || options.getBatchSize() < 1) {
            throw new IllegalArgumentException("--workers and --batchSize must be >= 1, got " + workers + " and " + options.getBatchSize());
        }
        if (here && (long) workers * ortThreads > cpus) {
            throw new IllegalArgumentException("--workers=" + workers + " x --ortThreads=" + ortThreads + " = "
                    + workers * ortThreads + " threads, more than --cpus=" + cpus);
        }
        // Absolute: a Flink cluster's workers open these files from their own working directories.
        Path datasetDir = Path.of(options.getDataset()).toAbsolutePath();
        IngestedDataset dataset;
        try {
            dataset = IngestedDataset.open(datasetDir);
        } catch (IOException e) {
            throw new IOException("--dataset " + e.getMessage(), e);
        }
        ModelDirectory model = ModelDirectory.open(Path.of(options.getModel()).toAbsolutePath(), "--model");
        ImageTower.Settings tower = new ImageTower.Settings(model.imageModel().toString(), model.cardSha256(),
                model.card().getImageSize(), model.card().getEmbedDim(), ortThreads, options.getDevice());
        if (options.getPrecomputed().isEmpty()) {
            try {
                ImageTower.shared(tower);
            } catch (IllegalStateException e) {
                throw new IOException("--model " + e.getMessage(), e);
            }
        }
        progress.printf("[embed %s] model %s (%s), %d-d; %s with %d worker(s) x %d ONNX Runtime thread(s), batch %d%n",
                dataset.name(), model.name(), model.cardSha256().substring(0, 12), tower.dimension(),
                options.getRunner().getSimpleName(), workers, ortThreads, options.getBatchSize());
        return new EmbeddingPlan(dataset, Hashing.sha256(IngestedDataset.manifestFile(datasetDir)), model, model.preprocessor(), tower,
                workers, plannedShards(dataset));
    }

    /** Every sample key of the dataset (a precomputed import matches its rows against them). */
    Set<String> datasetKeys() {
        Set<String> keys = new HashSet<>();
        try (WebDatasetReader reader = new WebDatasetReader(dataset.shards())) {
            reader.forEachRemaining(entry -> {
                if (entry instanceof WebDatasetReader.Sample sample) {
                    keys.add(sample.key());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** One output shard per shard of the dataset, in its order. */
    static List<EmbeddingFolder.PlannedShard> plannedShards(IngestedDataset dataset) {
        List<EmbeddingFolder.PlannedShard> planned = new ArrayList<>();
        List<ShardInfo> shards = dataset.manifest().getShards();
        for (int i = 0; i < shards.size(); i++) {
            ShardInfo shard = shards.get(i);
            planned.add(new EmbeddingFolder.PlannedShard(i, shard.getName().toString(), shard.getSha256().toString(),
                    dataset.dir().resolve(shard.getName().toString()).toString()));
        }
        return planned;
    }
}
