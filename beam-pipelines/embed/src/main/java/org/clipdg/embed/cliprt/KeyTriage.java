package org.clipdg.embed.cliprt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clipdg.core.embedding.Rejection;

/**
 * Decides from the metadata keys alone which rows of the layout are imported: rows whose key is not
 * in the dataset, and every occurrence of a key after its first (in part order, then row order), are
 * rejected; dataset keys in no row are listed as missing. Deciding before reading any embedding is
 * what lets a resumed import reject exactly as an uninterrupted one.
 */
final class KeyTriage {
    static final String UNKNOWN_KEY = "unknown_key";
    static final String DUPLICATE_KEY = "duplicate_key";
    static final String NO_EMBEDDING = "no_embedding";
    static final String MISSING_ORIGIN = "precomputed";

    /** The keys of one part's rows, and the rejections of those not to import, by row. */
    record PartKeys(List<String> keys, Map<Integer, Rejection> rejected) {}

    private record Row(int part, int row) {}

    private final List<PartKeys> parts = new ArrayList<>();
    private final List<Rejection> missing = new ArrayList<>();

    /** {@code keys} holds each part's metadata keys, row by row, in the order of {@code parts}. */
    KeyTriage(String dataset, Set<String> datasetKeys, List<ClipRetrievalLayout.Part> layout, List<List<String>> keys) {
        Map<String, Row> firstSeen = new HashMap<>();
        for (int p = 0; p < layout.size(); p++) {
            List<String> partKeys = keys.get(p);
            Map<Integer, Rejection> rejected = new HashMap<>();
            for (int row = 0; row < partKeys.size(); row++) {
                String key = partKeys.get(row);
                if (!datasetKeys.contains(key)) {
                    String detail = "not a key of dataset " + dataset;
                    rejected.put(row, new Rejection(key, origin(layout.get(p), row), UNKNOWN_KEY, detail));
                    continue;
                }
                Row earlier = firstSeen.putIfAbsent(key, new Row(p, row));
                if (earlier != null) {
                    String detail = "already at " + origin(layout.get(earlier.part()), earlier.row());
                    rejected.put(row, new Rejection(key, origin(layout.get(p), row), DUPLICATE_KEY, detail));
                }
            }
            parts.add(new PartKeys(partKeys, rejected));
        }
        datasetKeys.stream().filter(key -> !firstSeen.containsKey(key)).sorted().forEach(key ->
                missing.add(new Rejection(key, MISSING_ORIGIN, NO_EMBEDDING, "in no metadata file of the precomputed layout")));
    }

    /** Where a row is, as rejections name it: the embeddings file and the 0-based row, as numpy indexes it. */
    static String origin(ClipRetrievalLayout.Part part, int row) {
        return part.source() + ":" + row;
    }

    PartKeys part(int position) {
        return parts.get(position);
    }

    /** Dataset keys that no metadata row names, sorted. */
    List<Rejection> missing() {
        return missing;
    }
}
