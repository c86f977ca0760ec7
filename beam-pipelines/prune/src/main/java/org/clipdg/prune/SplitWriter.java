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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.AvroJson;
import org.clipdg.core.ClipdgVersion;
import org.clipdg.core.Hashing;
import org.clipdg.core.embedding.EmbeddedDataset;
import org.clipdg.core.embedding.VectorBlock;
import org.clipdg.core.split.Whitelist;
import org.clipdg.schema.EmbeddingInput;
import org.clipdg.schema.PruneManifest;
import org.clipdg.schema.SimilarityManifest;
import org.clipdg.schema.SplitSummary;
import org.clipdg.schema.TestSetSummary;

/** Writes every split of a plan as a whitelist, then splits.tsv and manifest.json (last). */
public final class SplitWriter {
    public static final String SPLITS_DIR = "splits";
    public static final String SUMMARY_FILE = "splits.tsv";
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
        Path splitsDir = Files.createDirectories(out.resolve(SPLITS_DIR));
        try (var stale = Files.newDirectoryStream(splitsDir, "*.tsv")) {
            for (Path file : stale) {
                Files.delete(file);
            }
        }
        List<SplitSummary> summaries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SplitPlan.Split split : plan.splits(pool, dedupKept)) {
            if (!names.add(split.name())) {
                throw new IllegalArgumentException("two splits would be named '" + split.name() + "'; list each score set once");
            }
            List<String[]> entries = new ArrayList<>(split.kept().length);
            for (int x : split.kept()) {
                entries.add(new String[] {pool.datasets()[x], pool.keys()[x]});
            }
            Whitelist whitelist = Whitelist.write(splitsDir.resolve(split.name() + ".tsv"), entries);
            summaries.add(new SplitSummary(split.name(), split.rule(), split.parameters(), (long) whitelist.size(),
                    (long) (pool.size() - whitelist.size()), whitelist.sha256()));
            progress.printf("[prune] %s: keeps %,d of %,d%n", split.name(), whitelist.size(), pool.size());
        }
        StringBuilder tsv = new StringBuilder("split\trule\tparameters\tkept\tremoved\tsha256\n");
        for (SplitSummary summary : summaries) {
            tsv.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%d\t%s\n", summary.getName(), summary.getRule(),
                    summary.getParameters(), summary.getKept(), summary.getRemoved(), summary.getSha256()));
        }
        AtomicFiles.writeString(out.resolve(SUMMARY_FILE), tsv.toString());
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
