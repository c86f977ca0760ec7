package org.clipdg.similarity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.clipdg.core.AvroJson;
import org.clipdg.core.AvroRecordFile;
import org.clipdg.core.Chunk;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.schema.ApproximateSearchSettings;
import org.clipdg.schema.EmbeddingInput;
import org.clipdg.schema.PoolNeighbour;
import org.clipdg.schema.PoolSampleSimilarity;
import org.clipdg.schema.SimilarityChunkManifest;
import org.clipdg.schema.SimilarityManifest;
import org.clipdg.schema.TestPointCandidates;

/**
 * Combines every chunk of {@link SimilarityChunk} into exactly the files {@link SimilarityPass}
 * writes ({@code clipdg similarity-merge}): the pool records concatenated in chunk order, which is
 * pool order; each test point's top-k lists offered to one heap, whose order (similarity, then
 * dataset and key) does not depend on which chunk a neighbour came from, so ties across chunk
 * borders rank as in one pass; matches summed. Memory holds the test sets and the heaps.
 */
final class SimilarityMerge {
    private final PrintStream progress;

    SimilarityMerge(PrintStream progress) {
        this.progress = progress;
    }

    /** {@code inputs}: the test sets only; {@code thresholds}: the thresholds folders the chunks used (empty: none). */
    SimilarityManifest run(List<Path> chunkDirs, SimilarityInputs inputs, List<Path> thresholds, Path out) throws IOException {
        List<Part> parts = new ArrayList<>();
        for (Path dir : chunkDirs) {
            parts.add(new Part(dir, readManifest(dir)));
        }
        List<Part> chunks = Chunk.inOrder(parts, part -> new Chunk(part.manifest().getChunk(), part.manifest().getChunks()),
                part -> part.dir().toString(), "similarity");
        SimilarityChunkManifest first = chunks.get(0).manifest();
        for (Part part : chunks) {
            if (!comparable(part.manifest()).equals(comparable(first))) {
                throw new IllegalArgumentException(part.dir() + ": a chunk of another similarity run than " + chunks.get(0).dir()
                        + " (inputs, settings, thresholds or clipdg version differ)");
            }
        }
        long poolSamples = first.getPool().stream().mapToLong(EmbeddingInput::getNumEmbeddings).sum();
        long chunkSamples = chunks.stream().mapToLong(part -> part.manifest().getPoolSamples()).sum();
        if (chunkSamples != poolSamples) {
            throw new IllegalArgumentException("the chunks hold " + chunkSamples + " pool samples, the pool has " + poolSamples);
        }
        if (!SimilarityInputs.describe(inputs.tests()).equals(first.getTests())) {
            throw new IllegalArgumentException("the chunks compared other test sets than the ones given (names and embedding"
                    + " manifests must match, in the same order): " + chunks.get(0).dir());
        }
        List<VectorBlock> testSets = inputs.readTests(progress);
        ReferenceThresholds references = thresholds.isEmpty() ? null : ReferenceThresholds.read(thresholds, testSets,
                first.getTests(), first.getModelCardSha256()).requireComplete();
        List<String> used = references == null ? List.of() : references.manifestSha256();
        if (!used.equals(first.getThresholds())) {
            throw new IllegalArgumentException("the chunks used " + (first.getThresholds().isEmpty() ? "no thresholds"
                    : "other thresholds") + " than the ones given (--thresholds)");
        }

        SimilarityOutputs.prepare(out);
        List<TestSetScan> scans = new ArrayList<>();
        for (int t = 0; t < testSets.size(); t++) {
            scans.add(new TestSetScan(testSets.get(t), first.getK(), references == null ? null : references.thresholds(t)));
        }
        ApproximateSearchSettings approximate = first.getApproximate();
        RecallProbe probe = approximate == null ? null
                : new RecallProbe(scans, approximate.getRecallQueries(), approximate.getSeed(), first.getK());
        PoolCounts counts = new PoolCounts(scans.size());
        try (AvroRecordFile.Writer<PoolSampleSimilarity> writer = SimilarityOutputs.poolWriter(out, first.getModelCardSha256())) {
            for (Part part : chunks) {
                AvroRecordFile.forEach(part.dir().resolve(SimilarityPass.POOL_FILE), PoolSampleSimilarity.class, record -> {
                    counts.add(record);
                    append(writer, record);
                });
                absorbCandidates(part.dir().resolve(SimilarityChunk.CANDIDATES_FILE), scans, probe);
            }
            writer.commit();
        }
        SimilarityOutputs.Run run = new SimilarityOutputs.Run(first.getModelCardSha256(), first.getDimension(), first.getSearch(),
                first.getK(), first.getCandidateCap(), first.getCapChunk(), first.getPool(), first.getReference(), first.getTests());
        SimilarityManifest manifest = SimilarityOutputs.write(out, run, scans, references, counts,
                probe == null ? List.of() : probe.summarise(scans));
        progress.printf("[similarity merge] done: %d chunk(s), %,d pool samples; similarity-matched pruning removes %,d"
                + " (combined)%n", chunks.size(), counts.poolSamples, counts.combined);
        return manifest;
    }

    private record Part(Path dir, SimilarityChunkManifest manifest) {}

    private static SimilarityChunkManifest readManifest(Path dir) throws IOException {
        Path file = dir.resolve(SimilarityPass.MANIFEST_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": no " + SimilarityPass.MANIFEST_FILE + ", not a finished similarity chunk"
                    + " (clipdg similarity-chunk)");
        }
        return AvroJson.read(file, SimilarityChunkManifest.class);
    }

    /** What every chunk of one run shares: the manifest without its chunk's own fields. */
    private static SimilarityChunkManifest comparable(SimilarityChunkManifest manifest) {
        return SimilarityChunkManifest.newBuilder(manifest).setChunk(0).setPoolShards(List.of()).setPoolSamples(0).build();
    }

    private static void append(AvroRecordFile.Writer<PoolSampleSimilarity> writer, PoolSampleSimilarity record) {
        try {
            writer.append(record);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One chunk's results per test point, in the order the chunk wrote them: the test sets' order, then key order. */
    private static void absorbCandidates(Path file, List<TestSetScan> scans, RecallProbe probe) throws IOException {
        List<TestPointCandidates> records = new ArrayList<>();
        AvroRecordFile.forEach(file, TestPointCandidates.class, records::add);
        int next = 0;
        for (int t = 0; t < scans.size(); t++) {
            TestSetScan scan = scans.get(t);
            int[] sampled = probe == null ? new int[0] : probe.sampled(t);
            for (int q = 0; q < scan.tests().rows(); q++, next++) {
                TestPointCandidates record = next < records.size() ? records.get(next) : null;
                if (record == null || !record.getTestSet().equals(scan.tests().dataset())
                        || !record.getKey().equals(scan.tests().keys()[q])) {
                    throw new IOException(file + ", record " + next + ": expected test point " + scan.tests().dataset() + "/"
                            + scan.tests().keys()[q] + ", found " + (record == null ? "the end of the file"
                            : record.getTestSet() + "/" + record.getKey()));
                }
                scan.absorb(q, neighbours(record.getNeighbours()), record.getMatches());
                int i = Arrays.binarySearch(sampled, q);
                if (i >= 0) {
                    if (record.getExactNeighbours() == null || record.getExactMatches() == null) {
                        throw new IOException(file + ", record " + next + ": test point " + record.getKey()
                                + " is in the recall sample but has no exact results");
                    }
                    probe.exact(t).absorb(i, neighbours(record.getExactNeighbours()), record.getExactMatches());
                }
            }
        }
        if (next != records.size()) {
            throw new IOException(file + ": " + records.size() + " records for " + next + " test points");
        }
    }

    private static List<NeighbourHeap.Neighbour> neighbours(List<PoolNeighbour> records) {
        return records.stream().map(n -> new NeighbourHeap.Neighbour(n.getDataset(), n.getKey(), n.getSimilarity())).toList();
    }
}
