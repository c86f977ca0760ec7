package org.clipdg.ingest.synthetic;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shipped spec files in assets/synthetic from any working directory inside the repository. */
final class SpecFiles {

    private SpecFiles() {}

    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("assets/synthetic");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("assets/synthetic not found above " + Path.of("").toAbsolutePath());
    }

    static Path file(String dataset) {
        return dir().resolve(dataset + ".json");
    }
}
