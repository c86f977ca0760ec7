package org.clipdg.core.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.clipdg.core.ImageCodec;

/**
 * CLIP's image preprocessing: resize the shorter side to {@code size} (aspect kept; bicubic when enlarging,
 * area averaging when shrinking, like PIL's anti-aliased resize),
 * centre-crop {@code size x size}, scale to [0,1] and normalise per channel. The same instance serves
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
        BufferedImage square = centreCrop(resizeShorterSide(ImageCodec.toRgb(image)));
        int[] argb = square.getRGB(0, 0, size, size, null, 0, size);
        int plane = size * size;
        float[] chw = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            chw[i] = normalise((p >> 16) & 0xff, 0);
            chw[plane + i] = normalise((p >> 8) & 0xff, 1);
            chw[2 * plane + i] = normalise(p & 0xff, 2);
        }
        return chw;
    }

    private float normalise(int value, int channel) {
        return (value / 255f - mean[channel]) / std[channel];
    }

    /** torchvision's Resize(size): the shorter side becomes {@code size}, the longer one is truncated. */
    private BufferedImage resizeShorterSide(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (Math.min(width, height) == size) {
            return image;
        }
        int newWidth = width <= height ? size : (int) ((long) size * width / height);
        int newHeight = width <= height ? (int) ((long) size * height / width) : size;
        // Area averaging when shrinking stands in for PIL's anti-aliased bicubic, which CLIP uses.
        return ImageCodec.resize(image, newWidth, newHeight);
    }

    /** torchvision's CenterCrop: offsets use Python's round (half to even), hence {@link Math#rint}. */
    private BufferedImage centreCrop(BufferedImage image) {
        int left = (int) Math.rint((image.getWidth() - size) / 2.0);
        int top = (int) Math.rint((image.getHeight() - size) / 2.0);
        return image.getSubimage(left, top, size, size);
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
