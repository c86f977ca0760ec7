package org.clipdg.ingest.synthetic;

import java.awt.Color;
import java.util.Locale;
import java.util.SplittableRandom;

/** Named object colours. */
enum Palette {
    RED(0xCD2323),
    ORANGE(0xF08719),
    YELLOW(0xF0D223),
    GREEN(0x28A537),
    BLUE(0x2355D7),
    PURPLE(0x8737B4),
    PINK(0xF073AF),
    WHITE(0xF5F5F5),
    BLACK(0x1E1E1E);

    /** Minimum RGB distance between an object colour and its background's mean colour. */
    static final double MIN_CONTRAST = 130;
    private static final int MAX_TRIES = 32;

    private final int rgb;

    Palette(int rgb) {
        this.rgb = rgb;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    int rgb() {
        return rgb;
    }

    /** A uniformly drawn colour that stands out against {@code background}. */
    static Palette contrasting(Background background, SplittableRandom rng) {
        Palette best = null;
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            Palette p = values()[rng.nextInt(values().length)];
            if (Pixels.distance(p.rgb, background.mean()) >= MIN_CONTRAST) {
                return p;
            }
            if (best == null || Pixels.distance(p.rgb, background.mean())
                    > Pixels.distance(best.rgb, background.mean())) {
                best = p;
            }
        }
        return best;
    }

    /**
     * The rendered tone: small per-image jitter, plus under distribution shift a hue drift and
     * desaturation ("same colour name, different camera").
     */
    int tone(SplittableRandom rng, double shift) {
        float[] hsb = Color.RGBtoHSB(Pixels.red(rgb), Pixels.green(rgb), Pixels.blue(rgb), null);
        double hue = hsb[0] + Pixels.uniform(rng, -0.015, 0.015) + shift * Pixels.uniform(rng, -0.05, 0.05);
        double saturation = hsb[1] * Pixels.uniform(rng, 0.9 - 0.35 * shift, 1.0);
        double brightness = hsb[2] * Pixels.uniform(rng, 0.92 - 0.12 * shift, 1.0);
        return Color.HSBtoRGB((float) (hue - Math.floor(hue)), (float) Math.min(1, saturation),
                (float) Math.min(1, brightness)) & 0xFFFFFF;
    }
}
