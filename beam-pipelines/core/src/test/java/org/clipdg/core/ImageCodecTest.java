package org.clipdg.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageCodecTest {

    @Test
    void decodesPngAndJpegToRgb() throws Exception {
        for (byte[] bytes : new byte[][] {Fixtures.png(Color.RED), Fixtures.jpeg(Color.RED)}) {
            BufferedImage image = ImageCodec.decodeRgb(bytes);
            assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
            assertEquals(32, image.getWidth());
            assertEquals(24, image.getHeight());
        }
    }

    @Test
    void truncatedJpegIsCorruptNotHalfDecoded() {
        byte[] cut = Fixtures.truncated(Fixtures.jpeg(Color.ORANGE), 0.6);
        assertThrows(ImageCodec.CorruptImageException.class, () -> ImageCodec.decodeRgb(cut));
    }

    @Test
    void truncatedPngAndGarbageAreCorrupt() {
        byte[] cut = Fixtures.truncated(Fixtures.png(Color.ORANGE), 0.5);
        assertThrows(ImageCodec.CorruptImageException.class, () -> ImageCodec.decodeRgb(cut));
        assertThrows(ImageCodec.CorruptImageException.class, () -> ImageCodec.decodeRgb(Fixtures.utf8("not an image")));
        assertThrows(ImageCodec.CorruptImageException.class, () -> ImageCodec.decodeRgb(new byte[0]));
    }

    @Test
    void transparentPixelsBecomeWhite() throws Exception {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        BufferedImage rgb = ImageCodec.decodeRgb(Fixtures.encode(argb, "png"));
        assertEquals(0xFFFFFF, rgb.getRGB(1, 1) & 0xFFFFFF);
    }

    @Test
    void pngEncodingIsLosslessAndDeterministic() throws Exception {
        BufferedImage image = Fixtures.image(20, 10, Color.CYAN);
        byte[] first = ImageCodec.encodePng(image);
        assertArrayEquals(first, ImageCodec.encodePng(image));
        BufferedImage back = ImageCodec.decodeRgb(first);
        assertEquals(image.getRGB(10, 5), back.getRGB(10, 5));
        assertEquals(image.getRGB(0, 0), back.getRGB(0, 0));
    }

    @Test
    void limitSizeOnlyShrinksKeepingAspect() {
        BufferedImage image = Fixtures.image(400, 200, Color.GRAY);
        BufferedImage small = ImageCodec.limitSize(image, 100);
        assertEquals(100, small.getWidth());
        assertEquals(50, small.getHeight());
        assertEquals(image, ImageCodec.limitSize(image, 0));
        assertEquals(image, ImageCodec.limitSize(image, 1000));
    }

    @Test
    void webpReaderIsRegistered() {
        ImageCodec.toRgb(Fixtures.image(1, 1, Color.BLACK));
        assertTrue(ImageIO.getImageReadersBySuffix("webp").hasNext(), "TwelveMonkeys WebP plugin on the class path");
    }
}
