package org.clipdg.ingest.emoji;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.clipdg.core.AtomicFiles;
import org.clipdg.core.ImageCodec;

/**
 * Writes a multi-domain image folder {@code <out>/<domain>/<class>/<class>_NNN.png}, with
 * SOURCES.tsv (package, version, licence, emoji and source file of each image) and LICENSES.md.
 * Everything is written into {@code <out>.partial} and renamed at the end, so {@code <out>} is
 * complete or absent.
 */
public final class EmojiDomainsBuilder {
    public static final String SOURCES = "SOURCES.tsv";
    public static final String LICENSES = "LICENSES.md";
    private static final String SOURCES_HEADER = "file\tdomain\tclass\tpackage\tversion\tlicence\temoji\tsource";

    /** {@code perClassIn} overrides {@code perClass} for some domains. */
    public record Settings(Path npmRoot, List<EmojiDomain> domains, List<ShapeEmoji> shapes, int perClass,
            Map<EmojiDomain, Integer> perClassIn, int side, long seed) {

        int countIn(EmojiDomain domain) {
            return perClassIn.getOrDefault(domain, perClass);
        }
    }

    private record OpenDomain(EmojiDomain domain, NpmPackage unpacked, DomainImages images) {}

    private EmojiDomainsBuilder() {}

    /** Builds the folder; returns the number of images written per domain. */
    public static Map<EmojiDomain, Integer> build(Settings settings, Path out) throws IOException {
        requireAbsentOrEmpty(out);
        // Every package and picture is looked up before anything is drawn, so a missing one fails fast.
        List<OpenDomain> domains = new ArrayList<>();
        for (EmojiDomain domain : settings.domains()) {
            NpmPackage unpacked = NpmPackage.open(settings.npmRoot(), domain.npmPackage());
            domains.add(new OpenDomain(domain, unpacked, domain.open(unpacked, settings.shapes(), settings.side())));
        }
        Path partial = AtomicFiles.partialOf(out);
        AtomicFiles.deleteRecursively(partial);
        try {
            Map<EmojiDomain, Integer> counts = writeInto(partial, domains, settings);
            Files.deleteIfExists(out);
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
            return counts;
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteRecursively(partial);
            throw e;
        }
    }

    private static Map<EmojiDomain, Integer> writeInto(Path folder, List<OpenDomain> domains, Settings settings) throws IOException {
        Map<EmojiDomain, Integer> counts = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>(List.of(SOURCES_HEADER));
        for (OpenDomain open : domains) {
            EmojiDomain domain = open.domain();
            for (ShapeEmoji shape : settings.shapes()) {
                Path classFolder = Files.createDirectories(folder.resolve(domain.folder()).resolve(shape.className()));
                List<DomainImages.Sourced> images = open.images().images(shape, settings.countIn(domain), settings.seed());
                for (int i = 0; i < images.size(); i++) {
                    DomainImages.Sourced image = images.get(i);
                    String name = String.format("%s_%03d.png", shape.className(), i);
                    Files.write(classFolder.resolve(name), ImageCodec.encodePng(image.image()));
                    sources.add(String.join("\t", domain.folder() + "/" + shape.className() + "/" + name, domain.folder(),
                            shape.className(), open.unpacked().name(), open.unpacked().version(), domain.licence().spdx(),
                            image.emoji(), image.source()));
                }
                counts.merge(domain, images.size(), Integer::sum);
            }
        }
        Files.write(folder.resolve(SOURCES), sources);
        Files.writeString(folder.resolve(LICENSES),
                LicenceNotes.markdown(domains.stream().map(d -> Map.entry(d.domain(), d.unpacked())).toList()));
        return counts;
    }

    private static void requireAbsentOrEmpty(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(out)) {
            empty = entries.findAny().isEmpty();
        }
        if (!empty) {
            throw new IOException("output folder " + out + " exists and is not empty; remove it first");
        }
    }
}
