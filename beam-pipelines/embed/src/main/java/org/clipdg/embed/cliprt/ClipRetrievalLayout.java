package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * clip-retrieval's folder of embeddings: {@code img_emb/img_emb_{i}.npy} and, row-aligned with it,
 * {@code metadata/metadata_{i}.parquet} as clip-retrieval writes it, or {@code metadata/metadata_{i}.csv}.
 * {@code i} may be zero-padded, as clip-retrieval pads it to the width of its partition count.
 */
final class ClipRetrievalLayout {
    static final String EMBEDDINGS_DIR = "img_emb";
    static final String METADATA_DIR = "metadata";
    private static final Pattern NPY = Pattern.compile("img_emb_(\\d{1,9})\\.npy");

    /** One embeddings file and its metadata; {@code index} is the {@code i} of their names. */
    record Part(int index, Path embeddings, Path metadata) {
        /** The embeddings file relative to the layout folder, with forward slashes. */
        String source() {
            return EMBEDDINGS_DIR + "/" + embeddings.getFileName();
        }
    }

    private ClipRetrievalLayout() {}

    static Path embeddings(Path dir, int index) {
        return dir.resolve(EMBEDDINGS_DIR).resolve("img_emb_" + index + ".npy");
    }

    /** The CSV metadata file of part {@code index}, as {@link ClipRetrievalWriter} writes it. */
    static Path metadata(Path dir, int index) {
        return dir.resolve(METADATA_DIR).resolve("metadata_" + index + ".csv");
    }

    /** Every part of the layout in {@code dir}, in numeric order of {@code i}. */
    static List<Part> scan(Path dir) throws IOException {
        Map<Integer, Path> npys = new TreeMap<>();
        for (Path file : list(dir.resolve(EMBEDDINGS_DIR))) {
            Matcher matcher = NPY.matcher(file.getFileName().toString());
            if (matcher.matches() && npys.put(Integer.parseInt(matcher.group(1)), file) != null) {
                throw new IOException(dir + ": two embeddings files with index " + matcher.group(1));
            }
        }
        if (npys.isEmpty()) {
            throw new IOException(dir.resolve(EMBEDDINGS_DIR) + ": no img_emb_{i}.npy files, not a clip-retrieval layout");
        }
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<Integer, Path> npy : npys.entrySet()) {
            parts.add(new Part(npy.getKey(), npy.getValue(), requireMetadata(dir, npy.getValue())));
        }
        return parts;
    }

    /**
     * The metadata file with the same {@code i} as {@code npy}, digit for digit. A CSV next to a parquet
     * file is taken: it is what earlier versions asked users to convert the parquet file to.
     */
    private static Path requireMetadata(Path dir, Path npy) throws IOException {
        String digits = NPY.matcher(npy.getFileName().toString()).replaceFirst("$1");
        Path csv = dir.resolve(METADATA_DIR).resolve("metadata_" + digits + ".csv");
        Path parquet = csv.resolveSibling("metadata_" + digits + ".parquet");
        if (Files.isRegularFile(csv)) {
            return csv;
        }
        if (Files.isRegularFile(parquet)) {
            return parquet;
        }
        throw new IOException(npy + ": no metadata file " + parquet + " (or " + csv.getFileName() + ") for it");
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": no such folder, not a clip-retrieval layout");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
