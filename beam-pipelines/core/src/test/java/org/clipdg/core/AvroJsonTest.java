package org.clipdg.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.clipdg.schema.SampleMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvroJsonTest {
    @TempDir
    Path dir;

    private static SampleMetadata metadata() {
        return SampleMetadata.newBuilder().setKey("k1").setDataset("pool").setClassName("star").setDomain("sketch")
                .setDomainLabel("rendition").setBackground("grass").setGroup("common").setSource("synthetic:1")
                .setWidth(64).setHeight(64).setFactors(new TreeMap<>(Map.of("colour", "red", "angle", "3"))).build();
    }

    @Test
    void recordsArePlainJsonAndRoundTrip() throws IOException {
        byte[] json = AvroJson.toJson(metadata(), false);
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"key\":\"k1\",\"dataset\":\"pool\",\"class_name\":\"star\""), text);
        assertTrue(text.contains("\"factors\":{\"angle\":\"3\",\"colour\":\"red\"}"), text);
        assertEquals(metadata(), AvroJson.fromJson(json, SampleMetadata.class, "test"));
    }

    @Test
    void atomicWriteThenRead() throws IOException {
        Path file = dir.resolve("m.json");
        AvroJson.write(file, metadata());
        assertEquals(metadata(), AvroJson.read(file, SampleMetadata.class));
        assertEquals(false, Files.exists(AtomicFiles.partialOf(file)));
    }

    @Test
    void invalidDocumentNamesTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"key\": 3}");
        IOException e = assertThrows(IOException.class, () -> AvroJson.read(file, SampleMetadata.class));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("SampleMetadata"), e.getMessage());
    }

    @Test
    void domainLabels() {
        assertEquals("natural", DomainLabels.labelOf("photo"));
        assertEquals("rendition", DomainLabels.labelOf("Sketch"));
        assertEquals("rendition", DomainLabels.labelOf("quickdraw"));
        assertEquals("ambiguous", DomainLabels.labelOf("mixed"));
        assertEquals("", DomainLabels.labelOf("web"));
        assertEquals("", DomainLabels.labelOf(""));
    }
}
