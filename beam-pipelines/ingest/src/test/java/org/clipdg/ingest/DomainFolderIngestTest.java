package org.clipdg.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.Fixtures;
import org.clipdg.core.samplesheet.Format;
import org.clipdg.core.samplesheet.Role;
import org.clipdg.ingest.source.FolderSource;
import org.clipdg.ingest.source.FolderTree;
import org.clipdg.schema.IngestManifest;
import org.clipdg.schema.SampleMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainFolderIngestTest {
    private static final DomainLabels PACS_LABELS = DomainLabels.withMapping("fluent_flat=rendition");

    @TempDir
    Path dir;

    private Path image(String relative, Color colour) throws Exception {
        Path file = dir.resolve("pacs").resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, Fixtures.png(colour));
    }

    /** photo/{dog,guitar}, art_painting/dog, fluent_flat/guitar; the same file names in several folders. */
    private Path pacsLikeTree() throws Exception {
        image("photo/dog/001.png", Color.RED);
        image("photo/dog/close-ups/001.png", Color.ORANGE);
        image("photo/guitar/001.png", Color.BLUE);
        image("art_painting/dog/001.png", Color.GREEN);
        image("fluent_flat/guitar/001.png", Color.YELLOW);
        image("fluent_flat/guitar/001.jpg", Color.YELLOW);
        Files.writeString(dir.resolve("pacs/photo/guitar/001.txt"), "a red electric guitar on a stage\n");
        Files.writeString(dir.resolve("pacs/photo/.DS_Store"), "finder");
        return dir.resolve("pacs");
    }

    private List<SampleMetadata> ingest(FolderTree tree, Path out) throws Exception {
        IngestManifest manifest = IngestTesting.ingest(new FolderSource(tree, "", PACS_LABELS),
                new IngestSettings("pacs", Role.POOL, Format.DOMAINFOLDER, "", "", PACS_LABELS, 100, 2, 0, new TreeMap<>()), out);
        return IngestTesting.metadata(out, manifest);
    }

    @Test
    void everyImageKeepsItsDomainAndClassUnderAUniqueKey() throws Exception {
        Path out = dir.resolve("out");
        List<SampleMetadata> records = ingest(FolderTree.domainFolder(pacsLikeTree(), List.of(), List.of()), out);

        Map<String, String> domainByKey = records.stream().collect(Collectors.toMap(SampleMetadata::getKey, SampleMetadata::getDomain));
        assertEquals(Map.of("photo_dog_001", "photo", "photo_dog_close-ups_001", "photo", "photo_guitar_001", "photo",
                "art_painting_dog_001", "art_painting", "fluent_flat_guitar_001", "fluent_flat",
                "fluent_flat_guitar_001_2", "fluent_flat"), domainByKey, "nested images included, no key collides");
        IngestManifest manifest = org.clipdg.core.IngestedDataset.open(out).manifest();
        assertEquals(Map.of("photo", 3L, "art_painting", 1L, "fluent_flat", 2L), manifest.getCountsByDomain());
        assertEquals(Map.of("natural", 3L, "rendition", 3L), manifest.getCountsByDomainLabel());
        assertEquals(List.of("dog", "guitar"), manifest.getClasses());
        assertEquals(0, manifest.getNumRejected(), "the hidden file and the caption file are not records");
    }

    @Test
    void imagesWithoutCaptionsGetOneFromTheirClassAndDomain() throws Exception {
        Path out = dir.resolve("out");
        ingest(FolderTree.domainFolder(pacsLikeTree(), List.of(), List.of()), out);
        Map<String, String> captions = IngestTesting.captions(out);

        assertEquals("a red electric guitar on a stage", captions.get("photo_guitar_001"), "a caption file wins");
        assertTrue(captions.get("art_painting_dog_001").matches("(an art painting of (a|the) dog|an art painting image of a dog"
                + "|dog, an art painting|a dog)"), captions.get("art_painting_dog_001"));
        assertTrue(captions.get("photo_dog_001").matches("(a photo of (a|the) dog|a photo image of a dog|dog, a photo|a dog)"),
                captions.get("photo_dog_001"));
        assertTrue(captions.values().stream().anyMatch(c -> c.contains("fluent flat")), captions.toString());
    }

    @Test
    void recordsAreInterleavedNotInFolderOrder() throws Exception {
        for (int i = 0; i < 40; i++) {
            image(String.format("photo/a/%03d.png", i), Color.RED);
            image(String.format("photo/b/%03d.png", i), Color.BLUE);
        }
        Path out = dir.resolve("out");
        List<SampleMetadata> records = ingest(FolderTree.domainFolder(dir.resolve("pacs"), List.of(), List.of()), out);
        List<String> firstHalf = records.subList(0, 40).stream().map(SampleMetadata::getClassName).distinct().sorted().toList();
        assertEquals(List.of("a", "b"), firstHalf, "a class-sorted tree is not written class by class");
        List<String> keys = records.stream().map(SampleMetadata::getKey).toList();
        assertNotEquals(keys.stream().sorted().toList(), keys);
        Path again = dir.resolve("again");
        assertEquals(keys, ingest(FolderTree.domainFolder(dir.resolve("pacs"), List.of(), List.of()), again).stream()
                .map(SampleMetadata::getKey).toList(), "the order is reproducible");
    }

    @Test
    void domainsAndClassesCanBeSelected() throws Exception {
        FolderTree tree = FolderTree.domainFolder(pacsLikeTree(), List.of("photo", "art_painting"), List.of("dog"));
        assertEquals(List.of("photo", "art_painting"), tree.domains());
        assertEquals(3, tree.imageCount());
        List<SampleMetadata> records = ingest(tree, dir.resolve("out"));
        assertEquals(List.of("art_painting_dog_001", "photo_dog_001", "photo_dog_close-ups_001"),
                records.stream().map(SampleMetadata::getKey).sorted().toList());
    }

    @Test
    void missingDomainsAndClassesAreErrorsNamingThem() throws Exception {
        Path root = pacsLikeTree();
        Exception domain = assertThrows(java.io.IOException.class, () -> FolderTree.domainFolder(root, List.of("cartoon"), List.of()));
        assertTrue(domain.getMessage().contains("'cartoon'") && domain.getMessage().contains("art_painting"), domain.getMessage());
        Exception cls = assertThrows(java.io.IOException.class, () -> FolderTree.domainFolder(root, List.of(), List.of("dog", "horse")));
        assertTrue(cls.getMessage().contains("'horse'"), cls.getMessage());
    }

    @Test
    void unknownDomainsHaveNoLabelUnlessMapped() {
        assertEquals("", DomainLabels.BUILT_IN.label("fluent_flat"));
        assertEquals("rendition", PACS_LABELS.label("fluent_flat"));
        assertEquals("rendition", DomainLabels.BUILT_IN.label("art_painting"));
        assertEquals("natural", DomainLabels.BUILT_IN.label("Real World"));
        assertEquals("natural", DomainLabels.withMapping("sketch=natural").label("Sketch"), "a mapping overrides a built-in name");
        Exception e = assertThrows(IllegalArgumentException.class, () -> DomainLabels.withMapping("sketch=drawing"));
        assertTrue(e.getMessage().contains("sketch=drawing"), e.getMessage());
        assertEquals(DomainLabels.BUILT_IN, DomainLabels.withMapping("none"));
    }
}
