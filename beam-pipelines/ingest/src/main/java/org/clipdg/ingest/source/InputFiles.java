package org.clipdg.ingest.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clipdg.core.Hashing;
import org.clipdg.schema.InputFile;

final class InputFiles {
    private InputFiles() {}

    static InputFile describe(String name, Path file) throws IOException {
        return new InputFile(name, Files.size(file), Hashing.sha256(file));
    }
}
