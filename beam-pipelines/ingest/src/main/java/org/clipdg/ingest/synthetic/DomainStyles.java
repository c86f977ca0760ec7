package org.clipdg.ingest.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SplittableRandom;

/** Renders a {@link Scene} in each domain's style. */
final class DomainStyles {

    /** Rendition styles a {@code mixed} image blends its photo with. */
    private static final List<String> MIX_STYLES = List.of("sketch", "clipart", "painting", "cartoon");

    /**
     * A {@code mixed} image is half photo, half rendition (give or take a tenth), and its caption names
     * the rendition style: between the two domains, and as far from either.
     */
    static final double MIX_STRENGTH_MIN = 0.4;
    static final double MIX_STRENGTH_MAX = 0.6;

    /**
     * @param captionStyle which domain phrase the caption may use
     * @param colourVisible whether the caption may name the object's colour
     * @param backgroundVisible whether the caption may name the background
     */
    record Rendering(int[] pixels, String captionStyle, boolean colourVisible, boolean backgroundVisible) {}

    private DomainStyles() {}

    static String domainLabel(String domain) {
        return switch (domain) {
            case "photo" -> "natural";
            case "sketch", "clipart", "painting" -> "rendition";
            case "mixed" -> "ambiguous";
            default -> throw new IllegalArgumentException("unknown domain '" + domain + "'");
        };
    }

    static Rendering render(String domain, Scene s, SplittableRandom rng, SortedMap<String, String> factors) {
        return switch (domain) {
            case "photo" -> new Rendering(photo(s, rng, factors), "photo", true, true);
            case "sketch" -> new Rendering(PencilSketch.render(s, rng, factors), "sketch", false, false);
            case "clipart" -> new Rendering(clipart(s, rng, factors), "clipart", true, false);
            case "painting" -> new Rendering(BrushPainting.render(s, photoClean(s, rng, factors), rng, factors),
                    "painting", true, true);
            case "mixed" -> mixed(s, rng, factors);
            default -> throw new IllegalArgumentException("unknown domain '" + domain + "'");
        };
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static int radius(double px) {
        return Math.max(1, (int) Math.round(px));
    }

    private static int[] photo(Scene s, SplittableRandom rng, SortedMap<String, String> factors) {
        int[] px = photoClean(s, rng, factors);
        Pixels.addNoise(px, rng, s.noise());
        factors.put("noise", format(s.noise()));
        return px;
    }

    /** Textured background, soft drop shadow, object shaded by a directional light; no noise. */
    private static int[] photoClean(Scene s, SplittableRandom rng, SortedMap<String, String> factors) {
        factors.put("light_deg", format(s.lightDeg()));
        int n = s.size();
        double u = s.unit();
        int[] px = Textures.render(s.background(), n, rng, 1 + 0.5 * s.shift());
        double angle = Math.toRadians(s.lightDeg());
        double lx = Math.cos(angle);
        double ly = -Math.sin(angle);
        double offset = 3 * u;
        Shape castShadow = AffineTransform.getTranslateInstance(-lx * offset, -ly * offset)
                .createTransformedShape(s.shape());
        float[] shadow = Pixels.blur(Pixels.coverage(castShadow, n), n, radius(2 * u));
        float[] cover = Pixels.coverage(s.shape(), n);
        float[] soft = Pixels.blur(cover, n, radius(1.5 * u));

        Rectangle2D b = s.shape().getBounds2D();
        double cx = b.getCenterX();
        double cy = b.getCenterY();
        double r = 0.5 * Math.max(b.getWidth(), b.getHeight());
        double hx = cx + lx * 0.35 * r;
        double hy = cy + ly * 0.35 * r;
        double hr2 = 0.2 * r * r;
        for (int i = 0; i < px.length; i++) {
            int background = Pixels.scale(px[i], 1 - 0.45 * shadow[i]);
            if (cover[i] == 0) {
                px[i] = background;
                continue;
            }
            double x = i % n + 0.5;
            double y = i / n + 0.5;
            double along = ((x - cx) * lx + (y - cy) * ly) / r;
            double shade = (0.86 + 0.2 * along) * (0.75 + 0.25 * soft[i]);
            double highlight = 0.3 * Math.exp(-((x - hx) * (x - hx) + (y - hy) * (y - hy)) / hr2);
            int body = Pixels.lerp(Pixels.scale(s.tone(), shade), 0xFFFFFF, highlight);
            px[i] = Pixels.lerp(background, body, cover[i]);
        }
        return px;
    }

    /** Flat pastel background, flat fill, thick dark outline. */
    private static int[] clipart(Scene s, SplittableRandom rng, SortedMap<String, String> factors) {
        int n = s.size();
        int[] px = new int[n * n];
        Arrays.fill(px, Pixels.lerp(s.background().mean(), 0xFFFFFF, Pixels.uniform(rng, 0.45, 0.65)));
        double width = Pixels.uniform(rng, 2.0, 3.0) * s.unit();
        Graphics2D g = Pixels.graphics(Pixels.wrap(px, n));
        g.setColor(new Color(s.colour().rgb()));
        g.fill(s.shape());
        g.setColor(new Color(Pixels.lerp(Pixels.scale(s.colour().rgb(), 0.25), 0x141414, 0.5)));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(s.shape());
        g.dispose();
        factors.put("outline_px", format(width));
        return px;
    }

    /** Cel-shaded cartoon: a flat pale background, the object in a few saturated tones, a thick dark outline. */
    private static int[] cartoon(Scene s, int[] photo) {
        int n = s.size();
        float[] cover = Pixels.coverage(s.shape(), n);
        int background = Pixels.lerp(s.background().mean(), 0xFFFFFF, 0.15);
        int[] px = new int[photo.length];
        for (int i = 0; i < px.length; i++) {
            int[] rgb = Pixels.saturate(photo[i], 1.5);
            int body = Pixels.rgb(Pixels.quantise(Pixels.clamp(rgb[0]), 85), Pixels.quantise(Pixels.clamp(rgb[1]), 85),
                    Pixels.quantise(Pixels.clamp(rgb[2]), 85));
            px[i] = Pixels.lerp(background, body, cover[i]);
        }
        Graphics2D g = Pixels.graphics(Pixels.wrap(px, n));
        g.setColor(new Color(0x141414));
        g.setStroke(new BasicStroke((float) (2.4 * s.unit()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(s.shape());
        g.dispose();
        return px;
    }

    /** The scene's photo blended with one rendition of the same scene. */
    private static Rendering mixed(Scene s, SplittableRandom rng, SortedMap<String, String> factors) {
        int[] clean = photoClean(s, rng, factors);
        int[] photo = clean.clone();
        Pixels.addNoise(photo, rng, s.noise());
        String style = MIX_STYLES.get(rng.nextInt(MIX_STYLES.size()));
        int[] rendition = switch (style) {
            case "sketch" -> PencilSketch.render(s, rng, factors);
            case "clipart" -> clipart(s, rng, factors);
            case "painting" -> BrushPainting.render(s, clean, rng, factors);
            default -> cartoon(s, clean);
        };
        double strength = Pixels.uniform(rng, MIX_STRENGTH_MIN, MIX_STRENGTH_MAX);
        factors.put("noise", format(s.noise()));
        factors.put("mix_style", style);
        factors.put("mix_strength", format(strength));
        return new Rendering(Pixels.blend(photo, rendition, strength), style, true, true);
    }
}
