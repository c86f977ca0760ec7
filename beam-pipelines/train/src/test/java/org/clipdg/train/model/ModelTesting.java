package org.clipdg.train.model;

import java.io.IOException;
import java.nio.file.Path;

/** The repository's model configs, found from the module folder the tests run in. */
public final class ModelTesting {
    private ModelTesting() {}

    public static ModelConfig config(String name) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !dir.resolve("conf/models").toFile().isDirectory()) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IOException("conf/models not found above " + Path.of("").toAbsolutePath());
        }
        return ModelConfig.read(dir.resolve("conf/models/" + name + ".json"));
    }
}
