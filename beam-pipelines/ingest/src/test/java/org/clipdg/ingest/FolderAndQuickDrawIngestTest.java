package org.clipdg.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.Fixtures;
import org.clipdg.core.samplesheet.Format;
import org.clipdg.core.samplesheet.Role;
import org.clipdg.ingest.source.FolderSource;
import org.clipdg.ingest.source.FolderTree;
import org.clipdg.ingest.source.QuickDrawSource;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.SampleMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderAndQuickDrawIngestTest {
    @TempDir
    Path dir;

    @Test
    void imageFolderReadsClassesCaptionsAndRejectsBadFiles() throws Exception {
        Path root = dir.resolve("folder");
        Files.createDirectories(root.resolve("cat"));
        Files.createDirectories(root.resolve("dog"));
        Files.write(root.resolve("cat/a.png"), Fixtures.png(Color.RED));
        Files.writeString(root.resolve("cat/a.txt"), "a ginger cat\n");
        Files.write(root.resolve("cat/b.jpg"), Fixtures.truncated(Fixtures.jpeg(Color.RED), 0.4));
        Files.writeString(root.resolve("cat/notes.md"), "not an image");
        Files.write(root.resolve("dog/c.jpg"), Fixtures.jpeg(Color.BLUE));
        Path out = dir.resolve("out");

        IngestManifest manifest = IngestTesting.ingest(
                new FolderSource(FolderTree.imageFolder(root, List.of()), "photo", DomainLabels.BUILT_IN),
                new IngestSettings("folder", Role.TEST, Format.IMAGEFOLDER, "photo", "", DomainLabels.BUILT_IN, 10, 2, 16,
                        new java.util.TreeMap<>()), out);

        assertEquals(2, manifest.getNumSamples());
        assertEquals(List.of("corrupt_image", "unsupported_file"), IngestTesting.rejectedReasons(out).stream().sorted().toList());
        assertEquals(List.of("cat", "dog"), manifest.getClasses());
        assertEquals(Map.of("cat", 1L, "dog", 1L), manifest.getCountsByClass());
        List<SampleMetadata> records = IngestTesting.metadata(out, manifest).stream()
                .sorted(java.util.Comparator.comparing(SampleMetadata::getKey)).toList();
        assertEquals(List.of("cat_a", "dog_c"), records.stream().map(SampleMetadata::getKey).toList());
        assertEquals("photo", records.get(0).getDomain());
        assertEquals(16, records.get(0).getWidth(), "--max-image-side shrinks 32x24 to 16x12");
        assertEquals(12, records.get(0).getHeight());
        assertEquals(1, manifest.getInputs().size(), "one tree hash for the folder");
        assertEquals("folder/", manifest.getInputs().get(0).getPath());
    }

    @Test
    void imageFolderWithAMissingClassFolderIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("folder/cat"));
        Exception e = assertThrows(java.io.IOException.class, () -> FolderTree.imageFolder(dir.resolve("folder"), List.of("cat", "owl")));
        assertTrue(e.getMessage().contains("'owl'"), e.getMessage());
    }

    private Path quickDrawFile(String className, List<String> lines) throws Exception {
        Path file = dir.resolve(className + ".ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static String bitmap(double ink) {
        return "[" + String.join(",", Collections.nCopies(784, Double.toString(ink))) + "]";
    }

    @Test
    void quickDrawBitmapsBecomeDarkInkOnWhiteAndBadLinesAreRejected() throws Exception {
        String blank = bitmap(0);
        String inkTopLeft = "[1" + blank.substring(2);
        Path circle = quickDrawFile("circle", List.of(inkTopLeft, "[1,2,3]", blank.replaceFirst("0\\.0", "7"), "not json"));
        Path out = dir.resolve("out");
        IngestManifest manifest = IngestTesting.ingest(new QuickDrawSource(List.of(circle), List.of(), 28),
                IngestTesting.settings("qd", Role.TEST, Format.QUICKDRAW, 1), out);
        assertEquals(1, manifest.getNumSamples());
        assertEquals(List.of("bad_record", "bad_record", "bad_record"), IngestTesting.rejectedReasons(out));
        SampleMetadata record = IngestTesting.metadata(out, manifest).get(0);
        assertEquals("quickdraw_circle_0000000", record.getKey());
        assertEquals("circle", record.getClassName());
        assertEquals("circle.ndjson.gz:1", record.getSource());
        assertEquals(28, record.getWidth());
    }

    @Test
    void aTrainingSetSortedByClassIsWarnedAbout() throws Exception {
        Path circle = quickDrawFile("circle", Collections.nCopies(40, bitmap(0.5)));
        Path star = quickDrawFile("star", Collections.nCopies(40, bitmap(0.5)));
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        try (QuickDrawSource source = new QuickDrawSource(List.of(circle, star), List.of(), 28)) {
            new Ingestion(IngestTesting.settings("qd", Role.POOL, Format.QUICKDRAW, 1), new java.io.PrintStream(log, true,
                    StandardCharsets.UTF_8)).run(source, dir.resolve("pool"));
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("warning: the records come sorted by class (2 runs of one class"
                + " for 2 classes)"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void quickDrawFolderWithClassSelection() throws Exception {
        quickDrawFile("circle", List.of(bitmap(0.5)));
        quickDrawFile("star", List.of(bitmap(0.5), bitmap(0.25)));
        QuickDrawSource source = new QuickDrawSource(List.of(dir), List.of("star"), 64);
        assertEquals(List.of("star"), source.classes());
        IngestManifest manifest = IngestTesting.ingest(source, IngestTesting.settings("qd", Role.TEST, Format.QUICKDRAW, 1),
                dir.resolve("out"));
        assertEquals(2, manifest.getNumSamples());
        assertEquals(Map.of("star", 2L), manifest.getCountsByClass());
    }
}
