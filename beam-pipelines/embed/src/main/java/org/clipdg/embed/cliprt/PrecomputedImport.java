package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.clipdg.core.Hashing;
import org.clipdg.embed.EmbeddingFolder;
import org.clipdg.core.Progress;
import org.clipdg.schema.EmbeddingManifest;

/**
 * Imports embeddings precomputed by clip-retrieval ({@link ClipRetrievalLayout}) into an embeddings
 * folder: one shard per {@code img_emb_{i}.npy}, its rows renormalised to unit length and keyed by
 * the row-aligned metadata, Parquet or CSV. Rows with keys outside the dataset, repeated keys and
 * rows without a direction are rejected; dataset keys with no row are listed in the last shard's
 * rejections. The layout is streamed a file at a time, never held whole: all metadata is read once
 * to decide the rejections, then each part's again with its embeddings.
 * Shards already imported from the same file by the same model are kept, so an interrupted import resumes.
 */
public final class PrecomputedImport {
    public static final String SOURCE = "precomputed";

    private PrecomputedImport() {}

    /**
     * Imports {@code layoutDir} into {@code out} for the dataset and model of {@code identity}, whose
     * source must be {@value #SOURCE} and whose dimension is the model card's embed_dim.
     */
    public static EmbeddingManifest run(Path layoutDir, Path out, Set<String> datasetKeys, EmbeddingFolder.Identity identity)
            throws IOException {
        if (!SOURCE.equals(identity.source())) {
            throw new IllegalArgumentException(
                    "a precomputed import records source '" + SOURCE + "', not '" + identity.source() + "'");
        }
        List<ClipRetrievalLayout.Part> parts = ClipRetrievalLayout.scan(layoutDir);
        List<NpyHeader> headers = checkedHeaders(parts, identity.dimension());
        KeyTriage triage = KeyTriage.scan(identity.dataset(), datasetKeys, parts, headers);
        List<EmbeddingFolder.PlannedShard> planned = plan(parts, identity.dataset(), System.err);
        Set<EmbeddingFolder.PlannedShard> pending =
                new HashSet<>(EmbeddingFolder.pending(out, planned, identity.modelCardSha256()));
        long pendingRows = 0;
        for (int p = 0; p < parts.size(); p++) {
            pendingRows += pending.contains(planned.get(p)) ? headers.get(p).rows() : 0;
        }
        AtomicLong rowsDone = new AtomicLong();
        ShardImport shardImport = new ShardImport(out, identity, rowsDone);
        try (Progress progress = new Progress(System.err, "import " + identity.dataset(), "rows", pendingRows, rowsDone::get)) {
            for (int p = 0; p < parts.size(); p++) {
                if (pending.contains(planned.get(p))) {
                    boolean last = p == parts.size() - 1;
                    shardImport.write(parts.get(p), planned.get(p), triage, last ? triage.missing() : List.of());
                }
            }
        }
        return EmbeddingFolder.finish(out, identity, planned);
    }

    private static List<NpyHeader> checkedHeaders(List<ClipRetrievalLayout.Part> parts, int dimension) throws IOException {
        List<NpyHeader> headers = new ArrayList<>();
        for (ClipRetrievalLayout.Part part : parts) {
            try (NpyReader reader = NpyReader.open(part.embeddings())) {
                if (reader.header().columns() != dimension) {
                    throw new IOException(part.embeddings() + ": embeddings have dimension " + reader.header().columns()
                            + ", the model card's embed_dim is " + dimension);
                }
                headers.add(reader.header());
            }
        }
        return headers;
    }

    private static List<EmbeddingFolder.PlannedShard> plan(List<ClipRetrievalLayout.Part> parts, String dataset, PrintStream log)
            throws IOException {
        long bytes = 0;
        for (ClipRetrievalLayout.Part part : parts) {
            bytes += Files.size(part.embeddings());
        }
        log.printf(Locale.ROOT, "[import %s] checksumming %d embeddings files, %,d bytes%n", dataset, parts.size(), bytes);
        List<EmbeddingFolder.PlannedShard> planned = new ArrayList<>();
        for (ClipRetrievalLayout.Part part : parts) {
            planned.add(new EmbeddingFolder.PlannedShard(part.index(), part.source(), Hashing.sha256(part.embeddings()),
                    part.embeddings().toString()));
        }
        return planned;
    }
}
