package org.clipdg.ingest.emoji;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An unpacked npm package: {@code <npm root>/<name>/package.json} and its files. */
record NpmPackage(String name, String version, Path folder) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static NpmPackage open(Path npmRoot, String name) throws IOException {
        Path folder = npmRoot.resolve(name);
        Path manifest = folder.resolve("package.json");
        if (!Files.isRegularFile(manifest)) {
            throw new IOException("npm package " + name + " is missing: no " + manifest
                    + " (the Makefile fetches it with npm pack and unpacks it there)");
        }
        JsonNode json = JSON.readTree(manifest.toFile());
        String version = json.path("version").asText("");
        if (!name.equals(json.path("name").asText()) || version.isEmpty()) {
            throw new IOException(manifest + ": expected package " + name + " with a version, found name '"
                    + json.path("name").asText() + "' and version '" + version + "'");
        }
        return new NpmPackage(name, version, folder);
    }

    /** A file of the package, which must exist. */
    Path file(String relativePath) throws IOException {
        Path file = folder.resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            throw new IOException("npm package " + name + "@" + version + " has no file " + relativePath + " (looked for " + file + ")");
        }
        return file;
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
