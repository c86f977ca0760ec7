package org.clipdg.similarity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.clipdg.core.Hashing;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.schema.EmbeddingInput;

/**
 * The embeddings one similarity task compares, checked before any work: all from the same model
 * card, of the same dimension, every dataset named once. Every task has test sets; the pool and
 * the reference set are there for the tasks that read them.
 */
public record SimilarityInputs(List<EmbeddedDataset> pool, List<EmbeddedDataset> tests, List<EmbeddedDataset> reference,
        String modelId, int dimension) {

    public static SimilarityInputs open(List<Path> pool, List<Path> tests, List<Path> reference) throws IOException {
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("the similarity step needs at least one test set");
        }
        List<EmbeddedDataset> poolSets = openAll(pool);
        List<EmbeddedDataset> testSets = openAll(tests);
        List<EmbeddedDataset> referenceSets = openAll(reference);
        EmbeddedDataset first = concat(poolSets, testSets, referenceSets).get(0);
        String modelId = first.manifest().getModelCardSha256();
        Set<String> names = new HashSet<>();
        for (EmbeddedDataset dataset : concat(poolSets, testSets, referenceSets)) {
            if (!modelId.equals(dataset.manifest().getModelCardSha256())) {
                throw new IllegalArgumentException(String.format("embeddings from different models cannot be compared:"
                        + " %s is from model card %s (%s), %s from %s (%s)", first.dir(), modelId,
                        first.manifest().getModelName(), dataset.dir(), dataset.manifest().getModelCardSha256(),
                        dataset.manifest().getModelName()));
            }
            if (dataset.dimension() != first.dimension()) {
                throw new IllegalArgumentException(String.format("embeddings of different dimension: %s is %d-d, %s is"
                        + " %d-d", first.dir(), first.dimension(), dataset.dir(), dataset.dimension()));
            }
            if (!names.add(dataset.name())) {
                throw new IllegalArgumentException("dataset '" + dataset.name() + "' is given twice (" + dataset.dir() + ")");
            }
        }
        return new SimilarityInputs(poolSets, testSets, referenceSets, modelId, first.dimension());
    }

    void requirePool() {
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("the similarity step needs at least one pool and one test set");
        }
    }

    /** Every test set in memory, sorted by key. */
    List<VectorBlock> readTests(PrintStream progress) throws IOException {
        List<VectorBlock> blocks = new ArrayList<>();
        for (EmbeddedDataset test : tests) {
            VectorBlock block = VectorBlock.readAll(test, modelId);
            if (block.rows() == 0) {
                progress.printf("[similarity] warning: test set %s has no embeddings; it matches no pool sample%n", test.name());
            }
            blocks.add(block);
        }
        return blocks;
    }

    /** The manifests' names of {@code datasets}: each by its embedding manifest's sha256. */
    static List<EmbeddingInput> describe(List<EmbeddedDataset> datasets) throws IOException {
        List<EmbeddingInput> described = new ArrayList<>();
        for (EmbeddedDataset dataset : datasets) {
            described.add(EmbeddingInput.newBuilder()
                    .setDataset(dataset.name())
                    .setEmbeddingManifestSha256(Hashing.sha256(dataset.dir().resolve(EmbeddedDataset.MANIFEST)))
                    .setNumEmbeddings(dataset.manifest().getNumEmbeddings())
                    .build());
        }
        return described;
    }

    private static List<EmbeddedDataset> openAll(List<Path> dirs) throws IOException {
        List<EmbeddedDataset> sets = new ArrayList<>();
        for (Path dir : dirs) {
            sets.add(EmbeddedDataset.open(dir));
        }
        return sets;
    }

    @SafeVarargs
    private static List<EmbeddedDataset> concat(List<EmbeddedDataset>... lists) {
        List<EmbeddedDataset> all = new ArrayList<>();
        for (List<EmbeddedDataset> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
