package org.clipdg.core.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.clipdg.core.ImageCodec;

/**
 * CLIP's image preprocessing: resize the shorter side to {@code size} (aspect kept; Pillow's bicubic,
 * bit for bit), centre-crop {@code size x size}, scale to [0,1] and normalise per channel. The same instance serves
 * training and embedding, so both see identical pixels. Immutable and thread-safe.
 */
public record ImagePreprocessor(int size, float[] mean, float[] std) {
    public static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    public static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    public ImagePreprocessor {
        if (size < 8) {
            throw new IllegalArgumentException("image size must be >= 8, got " + size);
        }
        if (mean == null || mean.length != 3 || std == null || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B), got "
                    + Arrays.toString(mean) + " and " + Arrays.toString(std));
        }
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("std values must be finite and > 0, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    public static ImagePreprocessor clip(int size) {
        return new ImagePreprocessor(size, CLIP_MEAN, CLIP_STD);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** Channel-major pixels {@code [3][size][size]} flattened: R plane, then G, then B. */
    public float[] toChw(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ImageCodec.rgbPixels(image);
        // torchvision's Resize(size): the shorter side becomes size, the longer one is truncated.
        int newWidth = width <= height ? size : (int) ((long) size * width / height);
        int newHeight = width <= height ? (int) ((long) size * height / width) : size;
        if (newWidth != width || newHeight != height) {
            pixels = BicubicResampler.resize(pixels, width, height, newWidth, newHeight);
        }
        // torchvision's CenterCrop: offsets use Python's round (half to even), hence Math.rint.
        int left = (int) Math.rint((newWidth - size) / 2.0);
        int top = (int) Math.rint((newHeight - size) / 2.0);
        int plane = size * size;
        float[] chw = new float[3 * plane];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = pixels[(top + y) * newWidth + left + x];
                int i = y * size + x;
                chw[i] = normalise((p >> 16) & 0xff, 0);
                chw[plane + i] = normalise((p >> 8) & 0xff, 1);
                chw[2 * plane + i] = normalise(p & 0xff, 2);
            }
        }
        return chw;
    }

    private float normalise(int value, int channel) {
        return (value / 255f - mean[channel]) / std[channel];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImagePreprocessor p && size == p.size
                && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * size + Arrays.hashCode(mean)) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "ImagePreprocessor[size=" + size + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
