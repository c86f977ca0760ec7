package org.clipdg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.clipdg.schema.IngestManifest;
import org.junit.jupiter.api.Test;

class TestSetDomainTest {
    private static IngestManifest manifest(String domain, Map<String, Long> byDomain, Map<String, Long> byLabel) {
        return IngestManifest.newBuilder().setDataset("t").setRole("test").setFormat("domainfolder").setDomain(domain).setGroup("")
                .setClasses(List.of()).setInputs(List.of()).setSettings(Map.of()).setNumSamples(4).setNumRejected(0)
                .setCountsByClass(Map.of()).setCountsByDomain(byDomain).setCountsByDomainLabel(byLabel).setCountsByGroup(Map.of())
                .setRejectedByReason(Map.of()).setShards(List.of()).setToolVersion("test").build();
    }

    @Test
    void aDomainFolderTestSetIsKnownByWhatItsImagesCarry() {
        assertEquals(new TestSetDomain("fluent_flat", "rendition"),
                TestSetDomain.of(manifest("", Map.of("fluent_flat", 4L), Map.of("rendition", 4L))), "a name only the run maps");
        assertEquals(new TestSetDomain("", "rendition"), TestSetDomain.of(manifest("",
                Map.of("fluent_flat", 2L, "high_contrast", 2L), Map.of("rendition", 4L))), "two rendition domains");
        assertEquals(new TestSetDomain("", ""), TestSetDomain.of(manifest("", Map.of("photo", 2L, "sketch", 2L),
                Map.of("natural", 2L, "rendition", 2L))), "a mix is neither");
        assertEquals(new TestSetDomain("sketch", "rendition"), TestSetDomain.of(manifest("sketch", Map.of(), Map.of())),
                "the samplesheet's domain");
    }
}
