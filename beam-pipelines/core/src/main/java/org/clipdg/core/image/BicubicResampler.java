package org.clipdg.core.image;

/**
 * Bicubic resampling that reproduces Pillow's {@code Image.resize(size, BICUBIC)} bit for bit on
 * 8-bit RGB: a separable Keys cubic (a = -0.5) whose support widens with the scale factor when
 * shrinking (anti-aliasing), a horizontal pass rounded to 8 bits, then a vertical pass, both in
 * 22-bit fixed point. CLIP's preprocessing (torchvision Resize on PIL images) is exactly this, so
 * Java and Python pipelines see the same pixels.
 */
public final class BicubicResampler {
    private static final double SUPPORT = 2.0;
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private BicubicResampler() {}

    /** Resizes packed {@code 0xRRGGBB} pixels (row-major, {@code width x height}) to {@code outWidth x outHeight}. */
    public static int[] resize(int[] rgb, int width, int height, int outWidth, int outHeight) {
        if (rgb.length != width * height || outWidth < 1 || outHeight < 1) {
            throw new IllegalArgumentException("bad resize: " + rgb.length + " pixels for " + width + "x" + height
                    + " -> " + outWidth + "x" + outHeight);
        }
        Coefficients vertical = new Coefficients(height, outHeight);
        int firstRow = vertical.start[0];
        int lastRow = vertical.start[outHeight - 1] + vertical.length[outHeight - 1];
        int[] rows = rgb;
        int rowOffset = 0;
        int rowCount = height;
        if (outWidth != width) {
            // Like Pillow, only the source rows the vertical pass will read are resampled horizontally.
            rows = horizontal(rgb, width, firstRow, lastRow, new Coefficients(width, outWidth), outWidth);
            rowOffset = firstRow;
            rowCount = lastRow - firstRow;
        }
        if (outHeight == height) {
            return rows;
        }
        return vertical(rows, outWidth, rowCount, rowOffset, vertical, outHeight);
    }

    private static int[] horizontal(int[] in, int width, int firstRow, int lastRow, Coefficients c, int outWidth) {
        int[] out = new int[outWidth * (lastRow - firstRow)];
        for (int y = firstRow; y < lastRow; y++) {
            int row = y * width;
            int outRow = (y - firstRow) * outWidth;
            for (int x = 0; x < outWidth; x++) {
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                int start = c.start[x];
                int base = x * c.taps;
                for (int k = 0; k < c.length[x]; k++) {
                    int pixel = in[row + start + k];
                    int weight = c.weights[base + k];
                    r += ((pixel >> 16) & 0xff) * weight;
                    g += ((pixel >> 8) & 0xff) * weight;
                    b += (pixel & 0xff) * weight;
                }
                out[outRow + x] = pack(r, g, b);
            }
        }
        return out;
    }

    private static int[] vertical(int[] in, int width, int rows, int rowOffset, Coefficients c, int outHeight) {
        int[] out = new int[width * outHeight];
        for (int y = 0; y < outHeight; y++) {
            int start = c.start[y] - rowOffset;
            int base = y * c.taps;
            for (int x = 0; x < width; x++) {
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int k = 0; k < c.length[y]; k++) {
                    int pixel = in[(start + k) * width + x];
                    int weight = c.weights[base + k];
                    r += ((pixel >> 16) & 0xff) * weight;
                    g += ((pixel >> 8) & 0xff) * weight;
                    b += (pixel & 0xff) * weight;
                }
                out[y * width + x] = pack(r, g, b);
            }
        }
        return out;
    }

    private static int pack(int r, int g, int b) {
        return (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
    }

    private static int clip8(int accumulated) {
        int value = accumulated >> PRECISION_BITS;
        return value < 0 ? 0 : Math.min(value, 255);
    }

    private static double cubic(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /** Per output pixel: the first input pixel used, how many, and their fixed-point weights. */
    private static final class Coefficients {
        final int taps;
        final int[] start;
        final int[] length;
        final int[] weights;

        Coefficients(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            taps = (int) Math.ceil(support) * 2 + 1;
            start = new int[outSize];
            length = new int[outSize];
            weights = new int[outSize * taps];
            double inverseFilterScale = 1.0 / filterScale;
            double[] w = new double[taps];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize) - min;
                double sum = 0;
                for (int k = 0; k < max; k++) {
                    w[k] = cubic((k + min - center + 0.5) * inverseFilterScale);
                    sum += w[k];
                }
                for (int k = 0; k < max; k++) {
                    double normalised = sum != 0.0 ? w[k] / sum : w[k];
                    weights[i * taps + k] = (int) (normalised < 0 ? -0.5 + normalised * (1 << PRECISION_BITS)
                            : 0.5 + normalised * (1 << PRECISION_BITS));
                }
                start[i] = min;
                length[i] = max;
            }
        }
    }
}
