package org.clipdg.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticGeneratorTest {

    private static final int N = 2000;

    private static SyntheticSpec spec(String dataset) throws IOException {
        return SyntheticSpec.read(SpecFiles.file(dataset));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static void assertSameSample(GeneratedSample a, GeneratedSample b) {
        assertArrayEquals(pixels(a.image()), pixels(b.image()));
        assertEquals(a.caption(), b.caption());
        assertEquals(a.className(), b.className());
        assertEquals(a.domain(), b.domain());
        assertEquals(a.domainLabel(), b.domainLabel());
        assertEquals(a.background(), b.background());
        assertEquals(a.group(), b.group());
        assertEquals(a.factors(), b.factors());
    }

    @Test
    void deterministicAcrossInstancesAndThreads() throws IOException {
        SyntheticSpec pool = spec("pool");
        SyntheticGenerator first = new SyntheticGenerator(pool, "pool", 17);
        SyntheticGenerator second = new SyntheticGenerator(pool, "pool", 17);
        int count = 300;
        List<GeneratedSample> sequential = IntStream.range(0, count).mapToObj(first::generate).toList();
        List<GeneratedSample> parallel = IntStream.range(0, count).parallel().mapToObj(second::generate).toList();
        List<GeneratedSample> reversed = IntStream.range(0, count).map(i -> count - 1 - i)
                .mapToObj(first::generate).toList();
        for (int i = 0; i < count; i++) {
            assertSameSample(sequential.get(i), parallel.get(i));
            assertSameSample(sequential.get(i), reversed.get(count - 1 - i));
        }
    }

    @Test
    void datasetNameAndSeedChangeTheImages() throws IOException {
        SyntheticSpec pool = spec("pool");
        SyntheticGenerator base = new SyntheticGenerator(pool, "pool", 17);
        SyntheticGenerator otherName = new SyntheticGenerator(pool, "pool2", 17);
        SyntheticGenerator otherSeed = new SyntheticGenerator(pool, "pool", 18);
        for (int i = 0; i < 50; i++) {
            int[] px = pixels(base.generate(i).image());
            assertFalse(Arrays.equals(px, pixels(otherName.generate(i).image())), "same image for another dataset");
            assertFalse(Arrays.equals(px, pixels(otherSeed.generate(i).image())), "same image for another seed");
        }
    }

    @Test
    void imagesAreRgbOfTheSpecSize() throws IOException {
        SyntheticGenerator gen = new SyntheticGenerator(spec("labelled"), "labelled", 1);
        for (int i = 0; i < 50; i++) {
            BufferedImage image = gen.generate(i).image();
            assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
            assertEquals(64, image.getWidth());
            assertEquals(64, image.getHeight());
        }
    }

    @Test
    void classesAreBalancedAndDomainsFollowTheMixture() throws IOException {
        SyntheticSpec pool = spec("pool");
        SyntheticGenerator gen = new SyntheticGenerator(pool, "pool", 3);
        Map<String, Integer> byClass = new HashMap<>();
        Map<String, Integer> byDomain = new HashMap<>();
        int common = 0;
        for (int i = 0; i < N; i++) {
            GeneratedSample s = gen.generate(i);
            assertEquals(pool.classes().get(i % pool.classes().size()), s.className());
            byClass.merge(s.className(), 1, Integer::sum);
            byDomain.merge(s.domain(), 1, Integer::sum);
            common += s.group().equals("common") ? 1 : 0;
        }
        for (String c : pool.classes()) {
            assertEquals(N / pool.classes().size(), byClass.get(c), 1, c);
        }
        for (Map.Entry<String, Double> e : pool.domains().entrySet()) {
            assertWithinStandardErrors(e.getValue(), byDomain.getOrDefault(e.getKey(), 0), e.getKey());
        }
        assertWithinStandardErrors(pool.pCommon(), common, "common");
    }

    private static void assertWithinStandardErrors(double p, int hits, String what) {
        double se = Math.sqrt(p * (1 - p) / N);
        double share = hits / (double) N;
        assertTrue(Math.abs(share - p) <= 4 * se, what + ": share " + share + " vs expected " + p);
    }

    @Test
    void counterSpecUsesOnlyAtypicalBackgrounds() throws IOException {
        SyntheticGenerator gen = new SyntheticGenerator(spec("counter"), "counter", 5);
        for (int i = 0; i < 500; i++) {
            GeneratedSample s = gen.generate(i);
            assertEquals("counter", s.group());
            assertFalse(s.background().equals(Background.typicalFor(s.className()).id()), s.toString());
        }
    }

    @Test
    void commonGroupMeansTypicalBackground() throws IOException {
        SyntheticGenerator gen = new SyntheticGenerator(spec("pool"), "pool", 5);
        for (int i = 0; i < 500; i++) {
            GeneratedSample s = gen.generate(i);
            boolean typical = s.background().equals(Background.typicalFor(s.className()).id());
            assertEquals(typical, s.group().equals("common"), s.toString());
        }
    }

    @Test
    void domainLabelsAndFactors() throws IOException {
        Map<String, String> labels = Map.of("photo", "natural", "sketch", "rendition", "clipart", "rendition",
                "painting", "rendition", "mixed", "ambiguous");
        SyntheticGenerator gen = new SyntheticGenerator(spec("labelled"), "labelled", 9);
        for (int i = 0; i < 500; i++) {
            GeneratedSample s = gen.generate(i);
            assertEquals(labels.get(s.domain()), s.domainLabel());
            assertTrue(s.factors().keySet().containsAll(List.of("colour", "rotation_deg", "scale")), s.toString());
            if (s.domain().equals("sketch")) {
                assertEquals("none", s.factors().get("colour"));
            }
            if (s.domain().equals("mixed")) {
                double strength = Double.parseDouble(s.factors().get("mix_strength"));
                assertTrue(strength >= DomainStyles.MIX_STRENGTH_MIN && strength <= DomainStyles.MIX_STRENGTH_MAX, s.toString());
                assertFalse(s.caption().contains("photo"), "a mixed image's caption names its rendition style: " + s);
            }
            if (s.className().equals("square")) {
                assertTrue(Math.abs(Double.parseDouble(s.factors().get("rotation_deg"))) <= 15, s.toString());
            }
        }
    }

    @Test
    void captionsAreGrammatical() throws IOException {
        Pattern badArticle = Pattern.compile("(^|\\s)(a [aeiou]|an [^aeiou])");
        SyntheticGenerator val = new SyntheticGenerator(spec("photo_val"), "photo_val", 2);
        SyntheticGenerator pool = new SyntheticGenerator(spec("pool"), "pool", 2);
        for (int i = 0; i < 500; i++) {
            GeneratedSample v = val.generate(i);
            assertTrue(v.caption().matches("^a (photo|picture|close-up photo|photograph) of .*"), v.caption());
            for (GeneratedSample s : List.of(v, pool.generate(i))) {
                assertFalse(badArticle.matcher(s.caption()).find(), s.caption());
                String noun = s.className().equals("lightning") ? "lightning bolt" : s.className();
                assertTrue(s.caption().contains(noun), s.caption());
            }
        }
    }

    @Test
    void negativeIndexIsRejectedAndIndicesBeyondTheSpecSizeScaleUp() throws IOException {
        SyntheticGenerator gen = new SyntheticGenerator(spec("photo_val"), "photo_val", 2);
        assertThrows(IllegalArgumentException.class, () -> gen.generate(-1));
        assertEquals(gen.generate(500).className(), gen.classes().get(0), "size x scale may exceed the spec's size");
    }
}
