package org.clipdg.core;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.clipdg.core.image.BicubicResampler;

/**
 * Image decoding and encoding shared by every step. Decoding is strict: a decoder warning (for
 * example a truncated JPEG that ImageIO would silently half-decode) is a {@link CorruptImageException}.
 */
public final class ImageCodec {
    private ImageCodec() {}

    public static final class CorruptImageException extends Exception {
        public CorruptImageException(String message) {
            super(message);
        }
    }

    static {
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    /** Decodes JPEG, PNG, WebP, BMP or GIF bytes to an 8-bit RGB image (alpha composited on white). */
    public static BufferedImage decodeRgb(byte[] bytes) throws CorruptImageException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new CorruptImageException("unrecognised image format");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new CorruptImageException("decoder warning: " + warnings.get(0));
                }
                if (image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new CorruptImageException("empty image");
                }
                return toRgb(image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new CorruptImageException("cannot decode image: " + e);
        }
    }

    public static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && image.getRaster().getParent() == null
                && ((DataBufferByte) image.getRaster().getDataBuffer()).getData().length == 3 * image.getWidth() * image.getHeight()) {
            // What ImageIO gives for RGB PNGs and JPEGs: repack the bytes, much faster than drawImage.
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            int[] packed = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < packed.length; i++) {
                packed[i] = (bgr[3 * i + 2] & 0xff) << 16 | (bgr[3 * i + 1] & 0xff) << 8 | (bgr[3 * i] & 0xff);
            }
            return rgb;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** Scales down (never up) so that the longer side is at most {@code maxSide}; 0 keeps the size. */
    public static BufferedImage limitSize(BufferedImage image, int maxSide) {
        int longer = Math.max(image.getWidth(), image.getHeight());
        if (maxSide <= 0 || longer <= maxSide) {
            return image;
        }
        double factor = (double) maxSide / longer;
        return resize(image, Math.max(1, (int) Math.round(image.getWidth() * factor)),
                Math.max(1, (int) Math.round(image.getHeight() * factor)));
    }

    /** The pixels of an image as packed {@code 0xRRGGBB} ints, row-major (a copy; for RGB images straight from their buffer). */
    public static int[] rgbPixels(BufferedImage image) {
        BufferedImage rgb = toRgb(image);
        if (rgb.getRaster().getParent() == null && rgb.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getData().length == rgb.getWidth() * rgb.getHeight()) {
            int[] pixels = buffer.getData().clone();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] &= 0xffffff;
            }
            return pixels;
        }
        return rgb.getRGB(0, 0, rgb.getWidth(), rgb.getHeight(), null, 0, rgb.getWidth());
    }

    /** Pillow-exact bicubic resize (anti-aliased when shrinking) to RGB: see {@link BicubicResampler}. */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        int[] pixels = rgbPixels(image);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, width, height, BicubicResampler.resize(pixels, image.getWidth(), image.getHeight(), width, height), 0, width);
        return out;
    }

    /** Lossless PNG bytes; deterministic for identical pixels. */
    public static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
