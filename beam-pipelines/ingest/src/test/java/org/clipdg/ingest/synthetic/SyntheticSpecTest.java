package org.clipdg.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticSpecTest {

    private static final String VALID_BODY = """
            "size": 10, "domains": {"photo": 0.5, "sketch": 0.5}, "p_common": 0.8, "caption_domain_dropout": 0.3""";

    @TempDir
    Path tmp;

    private Path write(String json) throws IOException {
        Path file = tmp.resolve("spec.json");
        Files.writeString(file, json);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pool", "reference", "labelled", "photo_val", "photo_v2", "sketch", "clipart",
            "painting", "counter"})
    void shippedSpecsAreValid(String dataset) throws IOException {
        SyntheticSpec spec = SyntheticSpec.read(SpecFiles.file(dataset));
        assertEquals(64, spec.imageSize());
        assertEquals(SyntheticSpec.DEFAULT_CLASSES, spec.classes());
    }

    @Test
    void readsShippedPoolSpec() throws IOException {
        SyntheticSpec pool = SyntheticSpec.read(SpecFiles.file("pool"));
        assertEquals(8000, pool.size());
        assertEquals(Map.of("photo", 0.60, "mixed", 0.25, "sketch", 0.05, "clipart", 0.05, "painting", 0.05),
                pool.domains());
        assertEquals(List.of("photo", "sketch", "clipart", "painting", "mixed"), List.copyOf(pool.domains().keySet()),
                "domains are kept in canonical order whatever the JSON order");
        assertEquals(0.5, pool.pCommon());
        assertEquals(0.3, pool.captionDomainDropout());
        assertEquals(0.0, SyntheticSpec.read(SpecFiles.file("photo_val")).captionDomainDropout());
        assertEquals(0.5, SyntheticSpec.read(SpecFiles.file("photo_v2")).shift());
        assertEquals(0.0, SyntheticSpec.read(SpecFiles.file("counter")).pCommon());
    }

    @Test
    void optionalFieldsHaveDefaults() throws IOException {
        SyntheticSpec spec = SyntheticSpec.read(write("{" + VALID_BODY + "}"));
        assertEquals(64, spec.imageSize());
        assertEquals(0.0, spec.shift());
        assertEquals(SyntheticSpec.DEFAULT_CLASSES, spec.classes());
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("{" + VALID_BODY + ", \"colour\": 1}", "colour"),
                Arguments.of("{\"size\": 10, \"domains\": {\"photo\": 0.5, \"sketch\": 0.4}, \"p_common\": 0.8,"
                        + " \"caption_domain_dropout\": 0.3}", "domains"),
                Arguments.of("{\"size\": 10, \"domains\": {\"photo\": 0.5, \"cartoon\": 0.5}, \"p_common\": 0.8,"
                        + " \"caption_domain_dropout\": 0.3}", "domains.cartoon"),
                Arguments.of("{\"size\": 10, \"domains\": {\"photo\": 1.5, \"sketch\": -0.5}, \"p_common\": 0.8,"
                        + " \"caption_domain_dropout\": 0.3}", "domains.photo"),
                Arguments.of("{" + VALID_BODY + ", \"classes\": [\"circle\", \"banana\"]}", "banana"),
                Arguments.of("{" + VALID_BODY + ", \"classes\": []}", "classes"),
                Arguments.of("{" + VALID_BODY + ", \"classes\": [\"star\", \"star\"]}", "classes"),
                Arguments.of("{" + VALID_BODY.replace("\"p_common\": 0.8", "\"p_common\": 1.2") + "}", "p_common"),
                Arguments.of("{" + VALID_BODY.replace("\"p_common\": 0.8", "\"p_common\": -0.1") + "}", "p_common"),
                Arguments.of("{" + VALID_BODY.replace("\"caption_domain_dropout\": 0.3",
                        "\"caption_domain_dropout\": 2") + "}", "caption_domain_dropout"),
                Arguments.of("{" + VALID_BODY.replace("\"size\": 10", "\"size\": 0") + "}", "size"),
                Arguments.of("{" + VALID_BODY.replace("\"size\": 10", "\"size\": \"ten\"") + "}", "size"),
                Arguments.of("{" + VALID_BODY.replace("\"size\": 10", "\"size\": 2.5") + "}", "size"),
                Arguments.of("{" + VALID_BODY.replace("\"size\": 10, ", "") + "}", "size"),
                Arguments.of("{" + VALID_BODY + ", \"image_size\": 8}", "image_size"),
                Arguments.of("{" + VALID_BODY + ", \"image_size\": 2048}", "image_size"),
                Arguments.of("{" + VALID_BODY + ", \"shift\": 1.5}", "shift"),
                Arguments.of("{" + VALID_BODY + ", \"shift\": -0.5}", "shift"));
    }

    @ParameterizedTest
    @MethodSource("badSpecs")
    void badSpecNamesFileAndField(String json, String field) throws IOException {
        Path file = write(json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.read(file));
        assertTrue(e.getMessage().contains(file.toString()), () -> "no file name in: " + e.getMessage());
        assertTrue(e.getMessage().contains("'" + field + "'"), () -> "no field '" + field + "' in: " + e.getMessage());
    }

    @Test
    void malformedJsonNamesFile() throws IOException {
        Path file = write("{\"size\": 10,");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void fractionsWithinToleranceAreAccepted() throws IOException {
        SyntheticSpec spec = SyntheticSpec.read(write("{\"size\": 1, \"domains\": {\"photo\": 0.3333334,"
                + " \"sketch\": 0.3333333, \"clipart\": 0.3333333}, \"p_common\": 0, \"caption_domain_dropout\": 1}"));
        assertEquals(3, spec.domains().size());
    }

    @Test
    void withClassesKeepsSpecOrder() throws IOException {
        SyntheticSpec spec = SyntheticSpec.read(SpecFiles.file("photo_val"));
        SyntheticSpec subset = spec.withClasses(List.of("star", "circle", "cloud"));
        assertEquals(List.of("circle", "star", "cloud"), subset.classes());
        assertEquals(spec.size(), subset.size());
        assertEquals(spec.domains(), subset.domains());
        assertSame(spec, spec.withClasses(List.of()));
    }

    @Test
    void withClassesRejectsUnknownClass() throws IOException {
        SyntheticSpec spec = SyntheticSpec.read(SpecFiles.file("photo_val")).withClasses(List.of("star", "moon"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec.withClasses(List.of("circle")));
        assertTrue(e.getMessage().contains("circle"), e.getMessage());
    }
}
