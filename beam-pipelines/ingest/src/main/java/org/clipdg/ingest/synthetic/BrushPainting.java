package org.clipdg.ingest.synthetic;

import java.util.SortedMap;
import java.util.SplittableRandom;

/**
 * The {@code painting} domain: brush strokes over the scene's photo, then a painter's palette:
 * stronger saturation, a warm varnish, darker edges and few distinct colours. The palette is what a
 * small model can see at 64 pixels; strokes alone leave a painting looking like a noisy photo to it.
 */
final class BrushPainting {

    private BrushPainting() {}

    /**
     * Short brush strokes over the photo, coloured from it (coarsely quantised) and laid along
     * the local edge direction so the scene survives.
     */
    static int[] render(Scene s, int[] photo, SplittableRandom rng, SortedMap<String, String> factors) {
        int n = s.size();
        double u = s.unit();
        int[] px = photo.clone();
        int strokes = (int) Math.round(0.2 * n * n);
        int step = 16 + rng.nextInt(17);
        double flow = rng.nextDouble() * Math.PI;
        for (int k = 0; k < strokes; k++) {
            double x = rng.nextDouble() * n;
            double y = rng.nextDouble() * n;
            int xi = (int) x;
            int yi = (int) y;
            double[] edge = strongestGradient(photo, n, xi, yi);
            boolean onEdge = edge[0] * edge[0] + edge[1] * edge[1] > 24 * 24;
            double angle = onEdge
                    ? Math.atan2(edge[1], edge[0]) + Math.PI / 2 + rng.nextGaussian() * 0.15
                    : flow + Pixels.uniform(rng, -0.5, 0.5);
            int c = photo[yi * n + xi];
            double jitter = rng.nextGaussian() * 5;
            int colour = Pixels.rgb(Pixels.quantise(Pixels.red(c), step) + jitter,
                    Pixels.quantise(Pixels.green(c), step) + jitter, Pixels.quantise(Pixels.blue(c), step) + jitter);
            double half = (onEdge ? Pixels.uniform(rng, 0.8, 1.6) : Pixels.uniform(rng, 1.5, 3.0)) * u;
            double radius = (onEdge ? Pixels.uniform(rng, 0.45, 0.7) : Pixels.uniform(rng, 0.7, 1.2)) * u;
            double reach = reach(photo, n, x, y, Math.cos(angle) * half, Math.sin(angle) * half, c);
            double ex = Math.cos(angle) * half * reach;
            double ey = Math.sin(angle) * half * reach;
            dab(px, n, x - ex, y - ey, x + ex, y + ey, radius, colour);
        }
        factors.put("brush_strokes", Integer.toString(strokes));
        factors.put("quantisation", Integer.toString(step));
        varnish(px, n);
        return px;
    }

    /** Saturation x1.5, a warm yellow-brown tint, a vignette, then 40-level posterisation per channel. */
    private static void varnish(int[] px, int n) {
        for (int i = 0; i < px.length; i++) {
            int[] rgb = Pixels.saturate(px[i], 1.5);
            double dx = (i % n + 0.5) / n - 0.5;
            double dy = (i / n + 0.5) / n - 0.5;
            double edge = 1 - 1.1 * (dx * dx + dy * dy);
            px[i] = Pixels.rgb(Pixels.quantise(Pixels.clamp((1.1 * rgb[0] + 18) * edge), 40),
                    Pixels.quantise(Pixels.clamp((rgb[1] + 8) * edge), 40),
                    Pixels.quantise(Pixels.clamp(0.7 * rgb[2] * edge), 40));
        }
    }

    /** Fraction of a stroke's half-length (1, 1/2 or 1/4) that keeps both ends on its own colour. */
    private static double reach(int[] photo, int n, double x, double y, double ex, double ey, int colour) {
        for (double t = 1; t > 0.3; t /= 2) {
            if (similar(photo, n, x + ex * t, y + ey * t, colour) && similar(photo, n, x - ex * t, y - ey * t, colour)) {
                return t;
            }
        }
        return 0.25;
    }

    private static boolean similar(int[] photo, int n, double x, double y, int colour) {
        int xi = Math.max(0, Math.min(n - 1, (int) x));
        int yi = Math.max(0, Math.min(n - 1, (int) y));
        return Pixels.distance(photo[yi * n + xi], colour) < 60;
    }

    /**
     * Central-difference gradient of the colour channel that changes most at (x, y): objects are
     * chosen to contrast in colour, not necessarily in luminance.
     */
    private static double[] strongestGradient(int[] px, int n, int x, int y) {
        int left = px[y * n + Math.max(0, x - 1)];
        int right = px[y * n + Math.min(n - 1, x + 1)];
        int up = px[Math.max(0, y - 1) * n + x];
        int down = px[Math.min(n - 1, y + 1) * n + x];
        double[] best = {0, 0};
        for (int shiftBits = 0; shiftBits <= 16; shiftBits += 8) {
            double gx = (right >> shiftBits & 0xFF) - (left >> shiftBits & 0xFF);
            double gy = (down >> shiftBits & 0xFF) - (up >> shiftBits & 0xFF);
            if (gx * gx + gy * gy > best[0] * best[0] + best[1] * best[1]) {
                best[0] = gx;
                best[1] = gy;
            }
        }
        return best;
    }

    /** Paints an antialiased capsule from (x0, y0) to (x1, y1) with radius {@code r}, 90% opaque. */
    private static void dab(int[] px, int n, double x0, double y0, double x1, double y1, double r, int colour) {
        double reach = r + 0.5;
        int minX = Math.max(0, (int) (Math.min(x0, x1) - reach));
        int maxX = Math.min(n - 1, (int) (Math.max(x0, x1) + reach));
        int minY = Math.max(0, (int) (Math.min(y0, y1) - reach));
        int maxY = Math.min(n - 1, (int) (Math.max(y0, y1) + reach));
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = Math.max(1e-9, dx * dx + dy * dy);
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                double qx = x + 0.5 - x0;
                double qy = y + 0.5 - y0;
                double t = Math.max(0, Math.min(1, (qx * dx + qy * dy) / len2));
                double ox = qx - t * dx;
                double oy = qy - t * dy;
                double d2 = ox * ox + oy * oy;
                if (d2 < reach * reach) {
                    int alpha = (int) (230 * Math.min(1, reach - Math.sqrt(d2)));
                    px[y * n + x] = mix(px[y * n + x], colour, alpha);
                }
            }
        }
    }

    /** Integer blend, {@code alpha} in [0, 256]. */
    private static int mix(int from, int to, int alpha) {
        int r = Pixels.red(from) + ((Pixels.red(to) - Pixels.red(from)) * alpha >> 8);
        int g = Pixels.green(from) + ((Pixels.green(to) - Pixels.green(from)) * alpha >> 8);
        int b = Pixels.blue(from) + ((Pixels.blue(to) - Pixels.blue(from)) * alpha >> 8);
        return r << 16 | g << 8 | b;
    }
}
