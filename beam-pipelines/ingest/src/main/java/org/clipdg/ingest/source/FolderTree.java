package org.clipdg.ingest.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.clipdg.core.Hashing;
import org.clipdg.ingest.Keys;

/**
 * The files of an image-folder tree: {@code root/<class>/...} (ImageFolder) or
 * {@code root/<domain>/<class>/...} (domain folders). Files at any depth below a class folder
 * belong to it, as in torchvision's ImageFolder; hidden files and {@code .txt} files (captions of
 * the image of the same stem) are not records. Every record gets a unique key made from its path without the extension
 * ({@code sketch/dog/001.png} is {@code sketch_dog_001}); where two paths give the same key the
 * later one in path order gets {@code _2}, {@code _3}, ... Records are listed in the order of their
 * keys' sha256, so classes and domains are interleaved in the shards whatever the tree's order.
 */
public final class FolderTree {
    /** One file below a class folder; {@code domain} is empty in an ImageFolder tree. */
    public record Entry(String domain, String className, Path file, String relative, String key) {
        public boolean isImage() {
            return WebDatasetSource.IMAGE_EXTENSIONS.contains(extension(file));
        }
    }

    private final Path root;
    private final List<String> domains;
    private final List<String> classes;
    private final List<Entry> entries;

    private FolderTree(Path root, List<String> domains, List<String> classes, List<Entry> entries) {
        this.root = root;
        this.domains = domains;
        this.classes = classes;
        this.entries = entries;
    }

    /** {@code root/<class>/...}; {@code classes} restricts and orders the class folders, empty reads all. */
    public static FolderTree imageFolder(Path root, List<String> classes) throws IOException {
        return scan(root, List.of(""), classes);
    }

    /**
     * {@code root/<domain>/<class>/...}; {@code domains} selects domain folders (empty: all), {@code
     * classes} the class folders (empty: every class folder of any selected domain). A listed class
     * may be missing from some domains but not from all.
     */
    public static FolderTree domainFolder(Path root, List<String> domains, List<String> classes) throws IOException {
        List<String> present = subfolders(root);
        if (present.isEmpty()) {
            throw new IOException("no domain sub-folders in " + root + " (expected <domain>/<class>/<image>)");
        }
        for (String domain : domains) {
            if (!present.contains(domain)) {
                throw new IOException("domain folder '" + domain + "' not found in " + root + " (domains there: "
                        + present + ")");
            }
        }
        return scan(root, domains.isEmpty() ? present : List.copyOf(domains), classes);
    }

    private static FolderTree scan(Path root, List<String> domains, List<String> classes) throws IOException {
        Set<String> classNames = new LinkedHashSet<>(classes);
        if (classes.isEmpty()) {
            Set<String> found = new TreeSet<>();
            for (String domain : domains) {
                found.addAll(subfolders(root.resolve(domain)));
            }
            classNames.addAll(found);
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Set<String> classesSeen = new HashSet<>();
        for (String domain : domains) {
            for (String className : classNames) {
                Path folder = root.resolve(domain).resolve(className);
                if (Files.isDirectory(folder)) {
                    classesSeen.add(className);
                    for (Path file : files(folder)) {
                        String relative = root.relativize(file).toString().replace('\\', '/');
                        entries.add(new Entry(domain, className, file, relative, uniqueKey(relative, keys)));
                    }
                }
            }
        }
        List<String> missing = classNames.stream().filter(c -> !classesSeen.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IOException("class folder(s) " + missing.stream().map(c -> "'" + c + "'").toList() + " not found in "
                    + root + (domains.equals(List.of("")) ? "" : " under any of the domains " + domains));
        }
        if (classNames.isEmpty()) {
            throw new IOException("no class sub-folders in " + root);
        }
        record Hashed(String hash, Entry entry) {}
        List<Entry> interleaved = entries.stream()
                .map(e -> new Hashed(Hashing.sha256(e.key().getBytes(StandardCharsets.UTF_8)), e))
                .sorted(Comparator.comparing(Hashed::hash))
                .map(Hashed::entry)
                .toList();
        return new FolderTree(root, domains.equals(List.of("")) ? List.of() : domains, List.copyOf(classNames), interleaved);
    }

    public Path root() {
        return root;
    }

    /** Domain folders read, in order; empty for an ImageFolder tree. */
    public List<String> domains() {
        return domains;
    }

    /** Class names, in the order given or sorted. */
    public List<String> classes() {
        return classes;
    }

    /** Every file below the class folders, captions and hidden files aside, in key-hash order. */
    public List<Entry> entries() {
        return entries;
    }

    public long imageCount() {
        return entries.stream().filter(Entry::isImage).count();
    }

    private static String uniqueKey(String relative, Set<String> keys) {
        String base = Keys.sanitize(stripExtension(relative).replace('/', '_'));
        String key = base;
        for (int n = 2; !keys.add(key); n++) {
            key = base + "_" + n;
        }
        return key;
    }

    /** Regular, non-hidden files below {@code folder}, text files aside, in path order. */
    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !hidden(folder.relativize(f)) && !extension(f).equals("txt"))
                    .sorted()
                    .toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> subfolders(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("folder not found: " + folder);
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        }
    }

    static String stripExtension(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash + 1 ? name.substring(0, dot) : name;
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}
