package org.clipdg.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Two runs' outputs compared byte for byte. */
final class SameOutputs {
    /** Outputs that must not depend on the run: manifests, whitelists, models and metrics. */
    static final List<String> DETERMINISTIC = List.of("datasets/*/manifest.json", "embeddings/*/manifest.json",
            "similarity/summary.tsv", "pruning/splits.tsv", "pruning/splits/*.tsv", "domains/splits/composition.tsv",
            "domains/splits/splits/*.tsv", "domains/splits/clean_tests/*.tsv", "models/*/weights.ndlist",
            "models/*/model_card.json", "evaluation/metrics.tsv", "evaluation/metrics.json", "report/tables/*.tsv");

    private SameOutputs() {
    }

    /**
     * Asserts that every file under {@code from} matching one of the globs has a byte-identical twin
     * under {@code to}; returns the relative paths compared.
     */
    static List<String> assertTwins(Path from, Path to, List<String> globs) throws IOException {
        List<String> compared = new ArrayList<>();
        for (String glob : globs) {
            for (Path file : matching(from, glob)) {
                Path relative = from.relativize(file);
                Path twin = to.resolve(relative);
                assertTrue(Files.isRegularFile(twin), relative + " is in " + from + " but not in " + to);
                assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(twin), relative + " differs between " + from
                        + " and " + to);
                compared.add(relative.toString());
            }
        }
        return compared;
    }

    private static List<Path> matching(Path root, String glob) throws IOException {
        var matcher = root.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(p -> matcher.matches(root.relativize(p))).sorted().toList();
        }
    }
}
