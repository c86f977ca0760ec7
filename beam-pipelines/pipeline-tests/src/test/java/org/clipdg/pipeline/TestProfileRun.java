package org.clipdg.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clipdg.core.AtomicFiles;

/**
 * One clean run of {@code -profile test}, made once per test JVM and shared: the pipeline test
 * checks its outputs, the crash test compares a killed-and-resumed run with it. It lives under
 * target/, so {@code mvn clean} removes it and each build starts from nothing.
 */
record TestProfileRun(Path launch, Path outdir, NextflowRun result) {
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
}
