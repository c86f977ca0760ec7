package org.clipdg.prune;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.clipdg.core.AvroJson;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.Hashing;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.core.split.SplitFolder;
import org.clipdg.schema.EmbeddingInput;
import org.clipdg.schema.PruneManifest;
import org.clipdg.schema.SimilarityManifest;
import org.clipdg.schema.SplitSummary;
import org.clipdg.schema.TestSetSummary;

/** Writes every split of a plan as a whitelist, then splits.tsv and manifest.json (last). */
public final class SplitWriter {
    public static final String MANIFEST_FILE = "manifest.json";
    private static final String SIMILARITY_MANIFEST = "manifest.json";
    private static final String POOL_SIMILARITY = "pool_similarity.avro";

    private final PrintStream progress;

    public SplitWriter(PrintStream progress) {
        this.progress = progress;
    }

    public PruneManifest write(Path similarity, Path out, SplitPlan plan, List<Path> poolEmbeddings) throws IOException {
        Path manifestFile = similarity.resolve(SIMILARITY_MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException(similarity + ": no " + SIMILARITY_MANIFEST + ", not a finished similarity run");
        }
        SimilarityManifest source = AvroJson.read(manifestFile, SimilarityManifest.class);
        if (plan.matched() && source.getReference().isEmpty()) {
            throw new IllegalArgumentException(similarity + ": the similarity run had no reference set, so no threshold"
                    + " t(q) and no similarity-matched pruning; give it --reference or prune with --no-matched");
        }
        List<String> testSets = source.getTests().stream().map(TestSetSummary::getInput).map(i -> i.getDataset().toString()).toList();
        long poolSamples = source.getPool().stream().mapToLong(EmbeddingInput::getNumEmbeddings).sum();
        PoolScores pool = PoolScores.read(similarity.resolve(POOL_SIMILARITY), testSets, Math.toIntExact(poolSamples));
        int[] dedupKept = null;
        if (plan.dedup() != null) {
            if (poolEmbeddings.isEmpty()) {
                throw new IllegalArgumentException("deduplication needs the pool's embeddings (--pool-embeddings)");
            }
            dedupKept = deduplicate(pool, poolEmbeddings, source.getModelCardSha256().toString(), plan.dedup());
        }
        Files.deleteIfExists(out.resolve(MANIFEST_FILE));
        SplitFolder folder = SplitFolder.create(out, progress, "prune");
        for (SplitPlan.Split split : plan.splits(pool, dedupKept)) {
            List<String[]> entries = new ArrayList<>(split.kept().length);
            for (int x : split.kept()) {
                entries.add(new String[] {pool.datasets()[x], pool.keys()[x]});
            }
            folder.add(new SplitFolder.Split(split.name(), split.rule(), split.parameters(), entries, pool.size()));
        }
        List<SplitSummary> summaries = folder.finish();
        PruneManifest manifest = PruneManifest.newBuilder()
                .setSimilarityManifestSha256(Hashing.sha256(manifestFile))
                .setModelCardSha256(source.getModelCardSha256())
                .setPoolSamples(pool.size())
                .setSeed(plan.seed())
                .setSplits(summaries)
                .setToolVersion(ClipdgVersion.get())
                .build();
        AvroJson.write(out.resolve(MANIFEST_FILE), manifest);
        return manifest;
    }

    /** Runs deduplication on the pool's embeddings; returns the kept positions of {@code pool}, ascending. */
    private int[] deduplicate(PoolScores pool, List<Path> embeddings, String modelId, SemanticDeduplication.Settings settings)
            throws IOException {
        Map<String, Integer> position = new HashMap<>();
        for (int x = 0; x < pool.size(); x++) {
            position.put(pool.datasets()[x] + '\t' + pool.keys()[x], x);
        }
        List<VectorBlock> blocks = new ArrayList<>();
        int rows = 0;
        int dimension = 0;
        for (Path dir : embeddings) {
            VectorBlock block = VectorBlock.readAll(EmbeddedDataset.open(dir), modelId);
            blocks.add(block);
            rows += block.rows();
            dimension = block.dimension();
        }
        if (rows != pool.size()) {
            throw new IllegalArgumentException("the pool embeddings hold " + rows + " samples, the similarity results "
                    + pool.size() + ": pass the embeddings the similarity step compared");
        }
        String[] datasets = new String[rows];
        String[] keys = new String[rows];
        FloatBuffer vectors = ByteBuffer.allocateDirect(Math.multiplyExact(rows * 4, dimension)).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        int row = 0;
        for (VectorBlock block : blocks) {
            for (int r = 0; r < block.rows(); r++) {
                datasets[row] = block.dataset();
                keys[row++] = block.keys()[r];
            }
            vectors.put(block.vectors().duplicate());
        }
        vectors.flip();
        progress.printf("[prune] deduplicating %,d pool samples (eps %s)%n", rows, settings.eps());
        boolean[] kept = SemanticDeduplication.keep(new SemanticDeduplication.Pool(datasets, keys, vectors, dimension), settings);
        List<Integer> positions = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Integer x = position.get(datasets[r] + '\t' + keys[r]);
            if (x == null) {
                throw new IllegalArgumentException("pool sample " + datasets[r] + "/" + keys[r]
                        + " has an embedding but no similarity record: pass the embeddings the similarity step compared");
            }
            if (kept[r]) {
                positions.add(x);
            }
        }
        return positions.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
