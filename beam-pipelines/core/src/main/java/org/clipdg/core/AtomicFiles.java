package org.clipdg.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes outputs under a temporary name and renames them into place, so a killed step never
 * leaves a file that looks complete.
 */
public final class AtomicFiles {
    /** Suffix of files still being written; readers and the manifest ignore them. */
    public static final String PARTIAL_SUFFIX = ".partial";

    private AtomicFiles() {}

    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path partial = partialOf(target);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            writer.writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        commit(partial, target);
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static Path partialOf(Path target) {
        return target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
    }

    /** Renames a finished partial file to its final name, atomically where the filesystem allows. */
    public static void commit(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a folder with everything in it; nothing when it does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
