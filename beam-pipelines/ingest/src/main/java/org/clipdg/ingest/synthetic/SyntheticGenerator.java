package org.clipdg.ingest.synthetic;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Procedural multi-domain shape images imitating web image-text data. Every image is a pure
 * function of (seed, dataset, index): it has its own random stream and no state is shared.
 */
public final class SyntheticGenerator {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SyntheticSpec spec;
    private final long datasetSeed;

    public SyntheticGenerator(SyntheticSpec spec, String dataset, long seed) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.datasetSeed = mix64(mix64(seed) ^ fnv1a64(Objects.requireNonNull(dataset, "dataset")));
    }

    public List<String> classes() {
        return spec.classes();
    }

    /** Thread-safe; deterministic in (seed, dataset, index). Any index >= 0 is valid: the spec's size is only a default count. */
    public GeneratedSample generate(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative index " + index);
        }
        SplittableRandom rng = new SplittableRandom(mix64(datasetSeed + GOLDEN_GAMMA * (index + 1)));
        String className = spec.classes().get((int) (index % spec.classes().size()));
        String domain = drawDomain(rng);
        Background typical = Background.typicalFor(className);
        boolean common = rng.nextDouble() < spec.pCommon();
        Background background = common ? typical : Background.otherThan(typical, rng);

        SortedMap<String, String> factors = new TreeMap<>();
        Scene scene = drawScene(className, background, rng, factors);
        DomainStyles.Rendering r = DomainStyles.render(domain, scene, rng, factors);
        factors.put("colour", r.colourVisible() ? scene.colour().id() : "none");
        String caption = CaptionGrammar.caption(rng, r.captionStyle(), r.colourVisible() ? scene.colour() : null,
                className, r.backgroundVisible() ? background : null, spec.captionDomainDropout());
        return new GeneratedSample(Pixels.wrap(r.pixels(), spec.imageSize()), caption, className, domain,
                DomainStyles.domainLabel(domain), background.id(), common ? "common" : "counter",
                Collections.unmodifiableSortedMap(factors));
    }

    private String drawDomain(SplittableRandom rng) {
        double u = rng.nextDouble();
        String last = null;
        for (Map.Entry<String, Double> e : spec.domains().entrySet()) {
            if (e.getValue() > 0) {
                last = e.getKey();
                u -= e.getValue();
                if (u < 0) {
                    return last;
                }
            }
        }
        return last;
    }

    /**
     * Object colour, geometry, placement and lighting. Under {@code shift} objects get smaller and
     * noisier, turn further (within class-safe limits) and are lit from a different side.
     */
    private Scene drawScene(String className, Background background, SplittableRandom rng,
            SortedMap<String, String> factors) {
        int n = spec.imageSize();
        double shift = spec.shift();
        Palette colour = Palette.contrasting(background, rng);
        int tone = colour.tone(rng, shift);
        Shape unit = ShapeFactory.unit(className, rng);
        double scale = Pixels.uniform(rng, 0.56, 0.74) - 0.1 * shift;
        double maxRotation = ShapeFactory.maxRotationDeg(className, shift);
        double rotation = Pixels.uniform(rng, -maxRotation, maxRotation);
        double jitter = 0.06 * (1 + 0.5 * shift);
        double cx = 0.5 + Pixels.uniform(rng, -jitter, jitter);
        double cy = 0.5 + Pixels.uniform(rng, -jitter, jitter);
        double light = Pixels.uniform(rng, 105, 165) - 90 * shift;
        double noise = Pixels.uniform(rng, 2, 5) + 8 * shift;

        AffineTransform place = AffineTransform.getTranslateInstance(cx * n, cy * n);
        place.rotate(Math.toRadians(rotation));
        place.scale(scale * n, scale * n);
        factors.put("scale", DomainStyles.format(scale));
        factors.put("rotation_deg", DomainStyles.format(rotation));
        factors.put("center_x", DomainStyles.format(cx));
        factors.put("center_y", DomainStyles.format(cy));
        return new Scene(n, background, colour, tone, place.createTransformedShape(unit),
                light, noise, shift);
    }

    /** SplitMix64 finaliser: a bijective, well-avalanching 64-bit mix. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over UTF-8: stable across JVMs, unlike relying on String.hashCode's 32 bits. */
    private static long fnv1a64(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }
}
