package org.clipdg.ingest.synthetic;

import java.util.SplittableRandom;

/**
 * Procedural background textures. Amplitudes are kept well below the object/background
 * colour distance enforced by {@link Palette}, so the shape stays the dominant edge.
 */
final class Textures {

    private static final double TAU = 2 * Math.PI;

    private Textures() {}

    /** {@code contrast} scales the texture amplitude (1 = nominal). */
    static int[] render(Background background, int size, SplittableRandom rng, double contrast) {
        int[] px = new int[size * size];
        switch (background) {
            case GRASS -> grass(px, size, rng, contrast);
            case WOOD -> wood(px, size, rng, contrast);
            case SAND -> sand(px, size, rng, contrast);
            case NIGHT -> night(px, size, rng, contrast);
            case LEAVES -> leaves(px, size, rng, contrast);
            case BRICK -> brick(px, size, rng, contrast);
            case WATER -> water(px, size, rng, contrast);
            case SKY -> sky(px, size, rng, contrast);
            case ROCK -> rock(px, size, rng, contrast);
            case SNOW -> snow(px, size, rng, contrast);
        }
        return px;
    }

    /** Smooth value noise in [-1, 1] over a grid of cellsX x cellsY random values. */
    static float[] valueNoise(SplittableRandom rng, int size, int cellsX, int cellsY) {
        int w = cellsX + 1;
        float[] grid = new float[w * (cellsY + 1)];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        int[] cellX = new int[size];
        float[] tx = new float[size];
        for (int x = 0; x < size; x++) {
            double gx = (x + 0.5) * cellsX / size;
            cellX[x] = (int) gx;
            tx[x] = (float) smooth(gx - cellX[x]);
        }
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            double gy = (y + 0.5) * cellsY / size;
            int row = (int) gy * w;
            float ty = (float) smooth(gy - (int) gy);
            for (int x = 0; x < size; x++) {
                int i = row + cellX[x];
                float top = grid[i] + (grid[i + 1] - grid[i]) * tx[x];
                float bottom = grid[i + w] + (grid[i + w + 1] - grid[i + w]) * tx[x];
                out[y * size + x] = top + (bottom - top) * ty;
            }
        }
        return out;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static int cells(int size, int divisor) {
        return Math.max(2, size / divisor);
    }

    private static void grass(int[] px, int n, SplittableRandom rng, double c) {
        float[] blades = valueNoise(rng, n, cells(n, 2), cells(n, 10));
        float[] patches = valueNoise(rng, n, 4, 4);
        for (int i = 0; i < px.length; i++) {
            double v = (0.65 * blades[i] + 0.35 * patches[i]) * 24 * c;
            px[i] = Pixels.rgb(78 + 0.5 * v, 140 + v, 60 + 0.3 * v);
        }
    }

    private static void wood(int[] px, int n, SplittableRandom rng, double c) {
        float[] warp = valueNoise(rng, n, 2, 3);
        float[] streaks = valueNoise(rng, n, 2, cells(n, 2));
        double period = n / 9.0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                double ring = Math.sin(TAU * (y / period + 1.5 * warp[i]));
                double v = (ring * 11 + streaks[i] * 7) * c;
                px[i] = Pixels.rgb(152 + v, 102 + 0.75 * v, 62 + 0.5 * v);
            }
        }
    }

    private static void sand(int[] px, int n, SplittableRandom rng, double c) {
        float[] warp = valueNoise(rng, n, 3, 3);
        double period = n / 5.5;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                double ripple = Math.sin(TAU * (0.35 * x + y) / period + 2.5 * warp[i]);
                double v = (ripple * 7 + rng.nextGaussian() * 5) * c;
                px[i] = Pixels.rgb(212 + v, 188 + v, 140 + 0.8 * v);
            }
        }
    }

    private static void night(int[] px, int n, SplittableRandom rng, double c) {
        float[] haze = valueNoise(rng, n, 3, 3);
        for (int y = 0; y < n; y++) {
            double t = y / (double) n;
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                double v = haze[i] * 5 * c;
                px[i] = Pixels.rgb(12 + 16 * t + v, 16 + 18 * t + v, 40 + 28 * t + 2 * v);
            }
        }
        int stars = n * n / 160;
        for (int s = 0; s < stars; s++) {
            int i = rng.nextInt(px.length);
            px[i] = Pixels.lerp(px[i], 0xF0F0FF, Math.min(1, Pixels.uniform(rng, 0.3, 0.75) * c));
        }
    }

    private static void leaves(int[] px, int n, SplittableRandom rng, double c) {
        float[] big = valueNoise(rng, n, cells(n, 9), cells(n, 9));
        float[] small = valueNoise(rng, n, cells(n, 4), cells(n, 4));
        int dark = 0x2A5A24;
        int light = 0x5E9A3A;
        for (int i = 0; i < px.length; i++) {
            double t = 0.5 + (0.6 * big[i] + 0.4 * small[i]) * 0.9 * c;
            px[i] = Pixels.lerp(dark, light, Math.max(0, Math.min(1, t)));
        }
    }

    private static void brick(int[] px, int n, SplittableRandom rng, double c) {
        int height = Math.max(4, n / 8);
        int width = 2 * height;
        int mortar = Math.max(1, n / 64);
        int rows = n / height + 1;
        int cols = n / width + 2;
        double[] jitter = new double[rows * cols];
        for (int i = 0; i < jitter.length; i++) {
            jitter[i] = rng.nextGaussian() * 9 * c;
        }
        int mortarColour = Pixels.lerp(0xA2503A, 0xB48A74, Math.min(1, 0.8 * c));
        for (int y = 0; y < n; y++) {
            int row = y / height;
            for (int x = 0; x < n; x++) {
                int xo = x + (row % 2) * width / 2;
                int i = y * n + x;
                double grain = rng.nextGaussian() * 4 * c;
                if (y % height < mortar || xo % width < mortar) {
                    px[i] = Pixels.rgb(Pixels.red(mortarColour) + grain,
                            Pixels.green(mortarColour) + grain, Pixels.blue(mortarColour) + grain);
                } else {
                    double v = jitter[row * cols + xo / width] + grain;
                    px[i] = Pixels.rgb(162 + v, 80 + 0.6 * v, 58 + 0.5 * v);
                }
            }
        }
    }

    private static void water(int[] px, int n, SplittableRandom rng, double c) {
        float[] warp = valueNoise(rng, n, 3, 4);
        float[] glints = valueNoise(rng, n, cells(n, 8), cells(n, 4));
        double period = n / 7.0;
        for (int y = 0; y < n; y++) {
            double depth = -12.0 * y / n;
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                double band = Math.sin(TAU * y / period + 3 * warp[i]) * 10 * c;
                double glint = Math.max(0, glints[i] - 0.5) * 50 * c;
                px[i] = Pixels.rgb(45 + 0.6 * band + glint + depth,
                        105 + band + glint + depth, 165 + band + glint + depth);
            }
        }
    }

    private static void sky(int[] px, int n, SplittableRandom rng, double c) {
        float[] coarse = valueNoise(rng, n, 3, 3);
        float[] fine = valueNoise(rng, n, 6, 6);
        int top = 0x508CD7;
        int bottom = 0xA0C8F0;
        for (int y = 0; y < n; y++) {
            int base = Pixels.lerp(top, bottom, y / (double) n);
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                double cloud = Math.max(0, 0.6 * coarse[i] + 0.4 * fine[i]) * 0.5 * c;
                px[i] = Pixels.lerp(base, 0xF4F8FC, Math.min(1, cloud));
            }
        }
    }

    private static void rock(int[] px, int n, SplittableRandom rng, double c) {
        float[] a = valueNoise(rng, n, 4, 4);
        float[] b = valueNoise(rng, n, cells(n, 8), cells(n, 8));
        float[] d = valueNoise(rng, n, cells(n, 4), cells(n, 4));
        double tint = rng.nextGaussian() * 5;
        for (int i = 0; i < px.length; i++) {
            double v = (0.5 * a[i] + 0.3 * b[i] + 0.2 * d[i]) * 36 * c + rng.nextGaussian() * 4 * c;
            px[i] = Pixels.rgb(122 + v + tint, 118 + v, 112 + v - tint);
        }
    }

    private static void snow(int[] px, int n, SplittableRandom rng, double c) {
        float[] drift = valueNoise(rng, n, 3, 3);
        for (int i = 0; i < px.length; i++) {
            double v = drift[i] * 8 * c + rng.nextGaussian() * 3 * c;
            px[i] = Pixels.rgb(229 + v - 3, 234 + v, 242 + 0.6 * v);
        }
    }
}
