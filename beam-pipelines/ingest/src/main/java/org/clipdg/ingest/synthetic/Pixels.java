package org.clipdg.ingest.synthetic;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.SplittableRandom;

/** Helpers on square images held as packed 0xRRGGBB int arrays. */
public final class Pixels {

    private Pixels() {}

    static int rgb(double r, double g, double b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    /** A channel value rounded and clamped to 0..255. */
    static int clamp(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5);
    }

    /** The colour's channels moved away from (factor > 1) or towards its grey level, unclamped. */
    static int[] saturate(int c, double factor) {
        double grey = (red(c) + green(c) + blue(c)) / 3.0;
        return new int[] {(int) Math.round(grey + (red(c) - grey) * factor), (int) Math.round(grey + (green(c) - grey) * factor),
                (int) Math.round(grey + (blue(c) - grey) * factor)};
    }

    static int red(int c) {
        return c >> 16 & 0xFF;
    }

    static int green(int c) {
        return c >> 8 & 0xFF;
    }

    static int blue(int c) {
        return c & 0xFF;
    }

    static int lerp(int from, int to, double t) {
        return rgb(red(from) + (red(to) - red(from)) * t,
                green(from) + (green(to) - green(from)) * t,
                blue(from) + (blue(to) - blue(from)) * t);
    }

    static int scale(int c, double f) {
        return rgb(red(c) * f, green(c) * f, blue(c) * f);
    }

    /** Centre of the {@code step}-wide bin holding {@code v}. */
    static double quantise(int v, int step) {
        return Math.min(255, (v / step) * step + step / 2.0);
    }

    static double distance(int a, int b) {
        int dr = red(a) - red(b);
        int dg = green(a) - green(b);
        int db = blue(a) - blue(b);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    /** An image that draws straight into {@code pixels}; its type is TYPE_INT_RGB. */
    public static BufferedImage wrap(int[] pixels, int size) {
        int[] masks = {0xFF0000, 0xFF00, 0xFF};
        WritableRaster raster = Raster.createPackedRaster(
                new DataBufferInt(pixels, pixels.length), size, size, size, masks, null);
        return new BufferedImage(new DirectColorModel(24, masks[0], masks[1], masks[2]), raster, false, null);
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        return g;
    }

    /** Antialiased coverage of {@code shape} per pixel, in [0, 1]. */
    static float[] coverage(Shape shape, int size) {
        BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = graphics(mask);
        g.setColor(Color.WHITE);
        g.fill(shape);
        g.dispose();
        byte[] bytes = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (bytes[i] & 0xFF) / 255f;
        }
        return out;
    }

    /** Two passes of a separable box blur with edge clamping (close to a gaussian). */
    static float[] blur(float[] values, int size, int radius) {
        float[] a = values.clone();
        float[] b = new float[a.length];
        for (int pass = 0; pass < 2; pass++) {
            boxPass(a, b, size, radius, 1, size);
            boxPass(b, a, size, radius, size, 1);
        }
        return a;
    }

    /** Running-sum box filter along lines of {@code size} samples {@code step} apart. */
    private static void boxPass(float[] src, float[] dst, int size, int radius, int step, int lineStep) {
        float norm = 1f / (2 * radius + 1);
        int last = size - 1;
        for (int line = 0; line < size; line++) {
            int base = line * lineStep;
            float sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += src[base + Math.min(last, Math.max(0, k)) * step];
            }
            for (int i = 0; i < size; i++) {
                dst[base + i * step] = sum * norm;
                sum += src[base + Math.min(last, i + radius + 1) * step] - src[base + Math.max(0, i - radius) * step];
            }
        }
    }

    static int[] blend(int[] base, int[] over, double strength) {
        int[] out = new int[base.length];
        for (int i = 0; i < base.length; i++) {
            out[i] = lerp(base[i], over[i], strength);
        }
        return out;
    }

    public static void addNoise(int[] pixels, SplittableRandom rng, double sigma) {
        for (int i = 0; i < pixels.length; i++) {
            int c = pixels[i];
            pixels[i] = rgb(red(c) + sigma * rng.nextGaussian(),
                    green(c) + sigma * rng.nextGaussian(),
                    blue(c) + sigma * rng.nextGaussian());
        }
    }

    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
