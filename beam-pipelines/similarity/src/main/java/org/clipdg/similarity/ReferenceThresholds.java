package org.clipdg.similarity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.clipdg.core.AvroJson;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.Chunk;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.Hashing;
import org.clipdg.core.Progress;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.schema.EmbeddingInput;
import org.clipdg.schema.ReferenceThreshold;
import org.clipdg.schema.SimilarityThresholdsManifest;

/**
 * The threshold t(q) of every test point against the reference set (docs/science.md, section 2),
 * and the reference sample reaching it; computed over the whole set or one chunk of it. Chunks
 * combine exactly into the thresholds of the whole set: t(q) and its canonical value are maxima,
 * and the reference sample is the best by the order of {@link NeighbourHeap}.
 */
final class ReferenceThresholds {
    static final String FILE = "thresholds.avro";
    static final String MANIFEST = "manifest.json";

    /** One test set's thresholds and, per test point, the reference sample reaching it (null: none seen). */
    record TestSet(Thresholds thresholds, String[] datasets, String[] keys) {}

    private final List<TestSet> testSets;
    private final List<EmbeddingInput> reference;
    private final List<String> manifestSha256;
    private final long referenceSamples;

    private ReferenceThresholds(List<TestSet> testSets, List<EmbeddingInput> reference, List<String> manifestSha256,
            long referenceSamples) {
        this.testSets = testSets;
        this.reference = reference;
        this.manifestSha256 = manifestSha256;
        this.referenceSamples = referenceSamples;
    }

    /** {@code clipdg similarity-thresholds}: the test sets of {@code inputs} against a chunk of its reference set. */
    static void run(SimilarityKernel kernel, int productFloats, SimilarityInputs inputs, Chunk chunk, Path out, PrintStream progress)
            throws IOException {
        if (inputs.reference().isEmpty()) {
            throw new IllegalArgumentException("thresholds need a reference set");
        }
        List<VectorBlock> tests = inputs.readTests(progress);
        compute(new BlockComparison(kernel, productFloats), inputs, tests, chunk, progress).write(out, inputs, tests, chunk);
    }

    /** Every test point of {@code tests} (the test sets of {@code inputs}) against chunk {@code chunk} of the reference set. */
    static ReferenceThresholds compute(BlockComparison comparison, SimilarityInputs inputs, List<VectorBlock> tests, Chunk chunk,
            PrintStream progress) throws IOException {
        List<ShardUnits.Shard> shards = ShardUnits.shards(ShardUnits.chunk(ShardUnits.of(inputs.reference(), 0), chunk));
        List<TestSetScan> scans = tests.stream().map(TestSetScan::ofReference).toList();
        long total = shards.stream().mapToLong(ShardUnits.Shard::rows).sum();
        AtomicLong done = new AtomicLong();
        try (Progress reporter = new Progress(progress, "similarity reference", "samples", total, done::get)) {
            for (ShardUnits.Shard shard : shards) {
                VectorBlock block = shard.read(inputs.modelId(), inputs.dimension());
                for (TestSetScan scan : scans) {
                    comparison.compare(block, scan, new TestSetScan.RowMatches(block.rows()), null, 0);
                }
                done.addAndGet(block.rows());
            }
        }
        List<TestSet> sets = new ArrayList<>();
        for (TestSetScan scan : scans) {
            int points = scan.tests().rows();
            String[] datasets = new String[points];
            String[] keys = new String[points];
            for (int q = 0; q < points; q++) {
                for (NeighbourHeap.Neighbour best : scan.neighbours(q).sorted()) {
                    datasets[q] = best.dataset();
                    keys[q] = best.key();
                }
            }
            sets.add(new TestSet(scan.referenceThresholds(), datasets, keys));
        }
        return new ReferenceThresholds(sets, SimilarityInputs.describe(inputs.reference()), List.of(), total);
    }

    /** The thresholds as a scan uses them; fails if a test point has none (no reference sample at all). */
    ReferenceThresholds requireComplete() {
        for (TestSet set : testSets) {
            if (Arrays.asList(set.keys()).contains(null)) {
                throw new IllegalArgumentException("the reference set has no embeddings: no threshold t(q) exists");
            }
        }
        return this;
    }

    Thresholds thresholds(int testSet) {
        return testSets.get(testSet).thresholds();
    }

    float similarity(int testSet, int point) {
        return testSets.get(testSet).thresholds().kernel()[point];
    }

    String key(int testSet, int point) {
        return testSets.get(testSet).keys()[point];
    }

    /** The reference set, every chunk's. */
    List<EmbeddingInput> reference() {
        return reference;
    }

    /** sha256 of the manifest of every chunk read, by chunk; empty when computed in this process. */
    List<String> manifestSha256() {
        return manifestSha256;
    }

    /** thresholds.avro, then the manifest: chunk {@code chunk} of the reference set of {@code inputs}. */
    void write(Path dir, SimilarityInputs inputs, List<VectorBlock> tests, Chunk chunk) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(MANIFEST));
        try (AvroRecordFile.Writer<ReferenceThreshold> writer = AvroRecordFile.create(dir.resolve(FILE),
                ReferenceThreshold.getClassSchema(), "thresholds")) {
            for (int t = 0; t < testSets.size(); t++) {
                TestSet set = testSets.get(t);
                for (int q = 0; q < tests.get(t).rows(); q++) {
                    writer.append(new ReferenceThreshold(tests.get(t).dataset(), tests.get(t).keys()[q],
                            set.thresholds().kernel()[q], set.thresholds().canonical()[q], set.datasets()[q], set.keys()[q]));
                }
            }
            writer.commit();
        }
        AvroJson.write(dir.resolve(MANIFEST), SimilarityThresholdsManifest.newBuilder()
                .setModelCardSha256(inputs.modelId())
                .setDimension(inputs.dimension())
                .setChunk(chunk.index())
                .setChunks(chunk.count())
                .setReference(reference)
                .setTests(SimilarityInputs.describe(inputs.tests()))
                .setReferenceSamples(referenceSamples)
                .setToolVersion(ClipdgVersion.get())
                .build());
    }

    /**
     * Reads and combines every chunk of one thresholds run ({@code clipdg similarity-thresholds}),
     * checking that they are all there, once each, and computed for exactly {@code tests}.
     */
    static ReferenceThresholds read(List<Path> dirs, List<VectorBlock> tests, List<EmbeddingInput> testInputs, String modelId)
            throws IOException {
        List<Part> parts = new ArrayList<>();
        for (Path dir : dirs) {
            Part part = new Part(dir, readManifest(dir));
            SimilarityThresholdsManifest first = parts.isEmpty() ? part.manifest() : parts.get(0).manifest();
            if (!part.manifest().getReference().equals(first.getReference())) {
                throw new IllegalArgumentException(dir + ": thresholds of another reference set than " + parts.get(0).dir());
            }
            if (!part.manifest().getModelCardSha256().equals(modelId)) {
                throw new IllegalArgumentException(dir + ": thresholds from model card " + part.manifest().getModelCardSha256()
                        + ", the embeddings are from " + modelId);
            }
            if (!part.manifest().getTests().equals(testInputs)) {
                throw new IllegalArgumentException(dir + ": thresholds of other test sets than the ones given (names and"
                        + " embedding manifests must match, in the same order)");
            }
            parts.add(part);
        }
        List<Part> ordered = Chunk.inOrder(parts, part -> new Chunk(part.manifest().getChunk(), part.manifest().getChunks()),
                part -> part.dir().toString(), "thresholds");
        List<List<TestSet>> perChunk = new ArrayList<>();
        List<String> sha256 = new ArrayList<>();
        for (Part part : ordered) {
            perChunk.add(readRecords(part.dir().resolve(FILE), tests));
            sha256.add(Hashing.sha256(part.dir().resolve(MANIFEST)));
        }
        List<TestSet> combined = new ArrayList<>();
        for (int t = 0; t < tests.size(); t++) {
            int set = t;
            combined.add(combine(perChunk.stream().map(chunk -> chunk.get(set)).toList(), tests.get(t).rows()));
        }
        long samples = ordered.stream().mapToLong(part -> part.manifest().getReferenceSamples()).sum();
        return new ReferenceThresholds(combined, ordered.get(0).manifest().getReference(), sha256, samples);
    }

    private record Part(Path dir, SimilarityThresholdsManifest manifest) {}

    private static SimilarityThresholdsManifest readManifest(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": no " + MANIFEST + ", not a finished thresholds folder (clipdg similarity-thresholds)");
        }
        return AvroJson.read(file, SimilarityThresholdsManifest.class);
    }

    private static List<TestSet> readRecords(Path file, List<VectorBlock> tests) throws IOException {
        List<ReferenceThreshold> records = new ArrayList<>();
        AvroRecordFile.forEach(file, ReferenceThreshold.class, records::add);
        List<TestSet> sets = new ArrayList<>();
        int next = 0;
        for (VectorBlock test : tests) {
            int points = test.rows();
            float[] kernel = new float[points];
            double[] canonical = new double[points];
            String[] datasets = new String[points];
            String[] keys = new String[points];
            for (int q = 0; q < points; q++, next++) {
                ReferenceThreshold record = next < records.size() ? records.get(next) : null;
                if (record == null || !record.getTestSet().equals(test.dataset()) || !record.getKey().equals(test.keys()[q])) {
                    throw new IOException(file + ", record " + next + ": expected test point " + test.dataset() + "/"
                            + test.keys()[q] + ", found " + (record == null ? "the end of the file"
                            : record.getTestSet() + "/" + record.getKey()));
                }
                kernel[q] = record.getSimilarity();
                canonical[q] = record.getCanonicalSimilarity();
                datasets[q] = record.getReferenceDataset();
                keys[q] = record.getReferenceKey();
            }
            sets.add(new TestSet(new Thresholds(kernel, canonical), datasets, keys));
        }
        if (next != records.size()) {
            throw new IOException(file + ": " + records.size() + " thresholds for " + next + " test points");
        }
        return sets;
    }

    /** One test set's thresholds from every chunk: what a single pass over all of them gives. */
    private static TestSet combine(List<TestSet> parts, int points) {
        float[] kernel = new float[points];
        double[] canonical = new double[points];
        String[] datasets = new String[points];
        String[] keys = new String[points];
        for (int q = 0; q < points; q++) {
            NeighbourHeap best = new NeighbourHeap(1);
            canonical[q] = Double.NEGATIVE_INFINITY;
            for (TestSet part : parts) {
                if (part.keys()[q] != null) {
                    best.offer(part.thresholds().kernel()[q], part.datasets()[q], part.keys()[q]);
                }
                canonical[q] = Math.max(canonical[q], part.thresholds().canonical()[q]);
            }
            kernel[q] = best.floor();
            for (NeighbourHeap.Neighbour neighbour : best.sorted()) {
                datasets[q] = neighbour.dataset();
                keys[q] = neighbour.key();
            }
        }
        return new TestSet(new Thresholds(kernel, canonical), datasets, keys);
    }
}
