package org.clipdg.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.clipdg.core.AtomicFiles;

/**
 * One clean run of {@code -profile test}, made once per test JVM and shared: the pipeline test
 * checks its outputs, the crash test compares a killed-and-resumed run with it, the container test
 * a run in the image. It lives under target/, so {@code mvn clean} removes it and each build starts
 * from nothing.
 */
record TestProfileRun(Path launch, Path outdir, NextflowRun result) {
    /** Outputs that must not depend on the run: manifests, whitelists, models and metrics. */
    private static final List<String> DETERMINISTIC = List.of("datasets/*/manifest.json", "embeddings/*/manifest.json",
            "similarity/summary.tsv", "pruning/splits.tsv", "pruning/splits/*.tsv", "domains/splits/composition.tsv",
            "domains/splits/splits/*.tsv", "domains/splits/clean_tests/*.tsv", "models/*/weights.ndlist",
            "models/*/model_card.json", "evaluation/metrics.tsv", "evaluation/metrics.json", "report/tables/*.tsv");

    private static TestProfileRun clean;

    static synchronized TestProfileRun clean() throws IOException, InterruptedException {
        if (clean == null) {
            Path launch = Path.of("target", "test-profile-run").toAbsolutePath();
            AtomicFiles.deleteRecursively(launch);
            Files.createDirectories(launch);
            Path outdir = launch.resolve("results");
            clean = new TestProfileRun(launch, outdir, NextflowRun.run(launch, "-profile", "test", "--outdir", outdir.toString()));
        }
        return clean;
    }

    /** The outputs under {@code outdir} that must equal those of any other run of the same study, relative to it. */
    static List<Path> deterministicOutputs(Path outdir) throws IOException {
        List<Path> outputs = new ArrayList<>();
        for (String glob : DETERMINISTIC) {
            var matcher = outdir.getFileSystem().getPathMatcher("glob:" + glob);
            try (Stream<Path> files = Files.walk(outdir)) {
                files.filter(Files::isRegularFile).map(outdir::relativize).filter(matcher::matches).sorted().forEach(outputs::add);
            }
        }
        return outputs;
    }
}
