package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clipdg.core.embedding.Rejection;

/**
 * Decides from the metadata keys alone which rows of the layout are imported: rows whose key is not
 * in the dataset, and every occurrence of a key after its first (in part order, then row order), are
 * rejected; dataset keys in no row are listed as missing. Deciding before reading any embedding is
 * what lets a resumed import reject exactly as an uninterrupted one. Only the first row of each
 * dataset key is remembered, so memory grows with the dataset, not with the layout.
 */
final class KeyTriage {
    static final String UNKNOWN_KEY = "unknown_key";
    static final String DUPLICATE_KEY = "duplicate_key";
    static final String NO_EMBEDDING = "no_embedding";
    static final String MISSING_ORIGIN = "precomputed";

    private record Row(ClipRetrievalLayout.Part part, int row) {}

    private final String dataset;
    private final Set<String> datasetKeys;
    private final Map<String, Row> firstRows = new HashMap<>();

    private KeyTriage(String dataset, Set<String> datasetKeys) {
        this.dataset = dataset;
        this.datasetKeys = datasetKeys;
    }

    /** Reads each part's metadata once, one file at a time, checking that it has a row per embeddings row. */
    static KeyTriage scan(String dataset, Set<String> datasetKeys, List<ClipRetrievalLayout.Part> parts,
            List<NpyHeader> headers) throws IOException {
        KeyTriage triage = new KeyTriage(dataset, datasetKeys);
        for (int p = 0; p < parts.size(); p++) {
            ClipRetrievalLayout.Part part = parts.get(p);
            int rows = 0;
            try (MetadataKeys keys = MetadataKeys.open(part.metadata())) {
                for (String key = keys.next(); key != null; key = keys.next(), rows++) {
                    if (datasetKeys.contains(key)) {
                        triage.firstRows.putIfAbsent(key, new Row(part, rows));
                    }
                }
            }
            if (rows != headers.get(p).rows()) {
                throw new IOException(part.metadata() + " has " + rows + " rows but " + part.embeddings() + " has "
                        + headers.get(p).rows() + "; their rows must align");
            }
        }
        return triage;
    }

    /** Why the row {@code row} of {@code part}, keyed {@code key}, is not imported; null if it is. */
    Rejection rejection(ClipRetrievalLayout.Part part, int row, String key) throws IOException {
        if (!datasetKeys.contains(key)) {
            return new Rejection(key, origin(part, row), UNKNOWN_KEY, "not a key of dataset " + dataset);
        }
        Row first = firstRows.get(key);
        if (first == null) {
            throw changedSinceScan(part);
        }
        if (first.equals(new Row(part, row))) {
            return null;
        }
        return new Rejection(key, origin(part, row), DUPLICATE_KEY, "already at " + origin(first.part(), first.row()));
    }

    static IOException changedSinceScan(ClipRetrievalLayout.Part part) {
        return new IOException(part.metadata() + ": changed during the import, its rows no longer match those read at its start");
    }

    /** Where a row is, as rejections name it: the embeddings file and the 0-based row, as numpy indexes it. */
    static String origin(ClipRetrievalLayout.Part part, int row) {
        return part.source() + ":" + row;
    }

    /** Dataset keys that no metadata row names, sorted. */
    List<Rejection> missing() {
        return datasetKeys.stream().filter(key -> !firstRows.containsKey(key)).sorted().map(key ->
                new Rejection(key, MISSING_ORIGIN, NO_EMBEDDING, "in no metadata file of the precomputed layout")).toList();
    }
}
