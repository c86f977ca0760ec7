package org.clipdg.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.security.MessageDigest;
import java.util.stream.Stream;
import org.clipdg.core.Hashing;
import org.clipdg.core.ImageCodec;
import org.clipdg.ingest.Candidate;
import org.clipdg.ingest.IngestedSample;
import org.clipdg.ingest.Keys;
import org.clipdg.ingest.RecordFacts;
import org.clipdg.ingest.RejectedRecordException;
import org.clipdg.ingest.SampleSource;
import org.clipdg.schema.InputFile;

/**
 * One sub-folder per class ({@code root/<class>/<image>}), as torchvision's ImageFolder. A
 * {@code <stem>.txt} beside an image is its caption; otherwise the caption is the class name.
 * Keys are {@code <class>_<stem>}.
 */
public final class ImageFolderSource implements SampleSource {
    private final Path root;
    private final List<String> classes;
    private final SortedMap<String, String> fileHashes = new TreeMap<>();
    private long bytesRead;

    /** {@code classes} restricts and orders the class folders read; empty reads every sub-folder. */
    public ImageFolderSource(Path root, List<String> classes) throws IOException {
        this.root = root;
        this.classes = classes.isEmpty() ? listClassFolders(root) : List.copyOf(classes);
        for (String name : this.classes) {
            if (!Files.isDirectory(root.resolve(name))) {
                throw new IOException("class folder '" + name + "' not found in " + root);
            }
        }
        if (this.classes.isEmpty()) {
            throw new IOException("no class sub-folders in " + root);
        }
    }

    private static List<String> listClassFolders(Path root) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    /** One entry for the whole tree: its sha256 covers the sorted (path, sha256) list of the images read. */
    @Override
    public List<InputFile> inputsRead() {
        MessageDigest tree = Hashing.sha256();
        synchronized (fileHashes) {
            fileHashes.forEach((path, sha) -> tree.update((path + "\t" + sha + "\n").getBytes(StandardCharsets.UTF_8)));
            return List.of(new InputFile(root.getFileName() + "/", bytesRead, Hashing.hex(tree)));
        }
    }

    @Override
    public Iterator<Candidate> candidates() {
        return classes.stream().flatMap(this::candidatesOf).iterator();
    }

    private Stream<Candidate> candidatesOf(String className) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(root.resolve(className))) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list class folder " + root.resolve(className), e);
        }
        return files.stream().filter(f -> !extension(f).equals("txt")).map(f -> candidate(className, f));
    }

    private Candidate candidate(String className, Path file) {
        String relative = root.relativize(file).toString();
        String stem = stem(file);
        String key = Keys.sanitize(className + "_" + stem);
        if (!WebDatasetSource.IMAGE_EXTENSIONS.contains(extension(file))) {
            return Candidate.rejected(key, relative, "unsupported_file", "not an image file: " + relative);
        }
        return new Candidate(key, relative, () -> {
            try {
                byte[] bytes = Files.readAllBytes(file);
                synchronized (fileHashes) {
                    fileHashes.put(relative, Hashing.sha256(bytes));
                    bytesRead += bytes.length;
                }
                Path captionFile = file.resolveSibling(stem + ".txt");
                String caption = Files.isRegularFile(captionFile)
                        ? Files.readString(captionFile, StandardCharsets.UTF_8).strip() : className;
                return new IngestedSample(ImageCodec.decodeRgb(bytes), caption, RecordFacts.ofClass(className));
            } catch (ImageCodec.CorruptImageException e) {
                throw new RejectedRecordException("corrupt_image", e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        });
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    @Override
    public void close() {}
}
