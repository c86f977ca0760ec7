package org.clipdg.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.clipdg.core.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePreprocessorTest {

    /**
     * Expected digests: CLIP's preprocessing in Python (Pillow 9.4 bicubic resize of the shorter side as
     * torchvision's Resize does it, centre crop, float32 /255, minus mean, over std, CHW), sha256 of the
     * little-endian float32 bytes. The same image as INT_RGB and as 3BYTE_BGR (what ImageIO decodes to).
     */
    @ParameterizedTest
    @CsvSource({
        "37, 23, 16, 125d226fdeaa3f67b000ec293d6cccc461701d1d67ffe3cbbe5895761639d8e0",
        "23, 61, 20, 487f1b095229667399f46a743efc87a5cde0851c9aadfe4a399251b0d62c8095",
        "7, 5, 12, 238ce942859ef082bbd5fe2f0885bc5d3077ee7f55047de5edafda761d58eab0",
        "320, 240, 224, ed20d839364e30df70a49d5e2f4292ac5d5e2d898f4bc6efa7b99964310071b4"})
    void matchesClipsPythonPreprocessingBitForBit(int width, int height, int size, String pythonSha256) {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR}) {
            BufferedImage image = new BufferedImage(width, height, type);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image.setRGB(x, y, ((x * 31 + y * 17) % 256) << 16 | ((x * x + 3 * y) % 256) << 8 | (x * y * 7 + 11) % 256);
                }
            }
            float[] chw = ImagePreprocessor.clip(size).toChw(image);
            ByteBuffer bytes = ByteBuffer.allocate(4 * chw.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(chw);
            assertEquals(pythonSha256, Hashing.sha256(bytes.array()), "image type " + type);
        }
    }
    private static final float[] UNIT_MEAN = {0.5f, 0.5f, 0.5f};
    private static final float[] UNIT_STD = {0.5f, 0.25f, 1f};

    @Test
    void squareImageOfTheTargetSizeIsNormalisedPixelByPixel() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        image.setRGB(1, 0, 0x00ff00);
        image.setRGB(0, 1, 0x0000ff);
        image.setRGB(1, 1, 0xffffff);
        float[] chw = new ImagePreprocessor(8, UNIT_MEAN, UNIT_STD).toChw(image);

        assertEquals(3 * 64, chw.length);
        // R plane: (1 - 0.5) / 0.5 = 1 at red and white, (0 - 0.5) / 0.5 = -1 elsewhere.
        assertArrayEquals(new float[] {1, -1}, new float[] {chw[0], chw[1]});
        assertArrayEquals(new float[] {-1, 1}, new float[] {chw[8], chw[9]});
        // G plane (std 0.25): +2 at green and white, -2 elsewhere.
        assertArrayEquals(new float[] {-2, 2, -2, 2}, new float[] {chw[64], chw[65], chw[72], chw[73]});
        // B plane (std 1): +0.5 at blue and white, -0.5 elsewhere.
        assertArrayEquals(new float[] {-0.5f, -0.5f, 0.5f, 0.5f}, new float[] {chw[128], chw[129], chw[136], chw[137]});
    }

    @Test
    void clipConstantsGiveTheKnownNormalisedValues() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xffffff);
        float[] chw = ImagePreprocessor.clip(8).toChw(image);
        assertEquals((1 - 0.48145466) / 0.26862954, chw[0], 1e-5);
        assertEquals((1 - 0.4578275) / 0.26130258, chw[64], 1e-5);
        assertEquals((1 - 0.40821073) / 0.27577711, chw[128], 1e-5);
        assertEquals(-0.48145466 / 0.26862954, chw[1], 1e-5);
    }

    @Test
    void alreadySquareImageIsCopiedExactly() {
        Random random = new Random(7);
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ImagePreprocessor preprocessor = ImagePreprocessor.clip(16);
        float[] chw = preprocessor.toChw(image);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int rgb = image.getRGB(x, y);
                int[] channels = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int c = 0; c < 3; c++) {
                    float expected = (channels[c] / 255f - ImagePreprocessor.CLIP_MEAN[c]) / ImagePreprocessor.CLIP_STD[c];
                    assertEquals(expected, chw[c * 256 + y * 16 + x], 0f, "pixel " + x + "," + y + " channel " + c);
                }
            }
        }
    }

    /**
     * 40x20 at size 16: resized to 32x16 (x scale 0.8), cropped at x = 8. Source columns 22..25 (red)
     * land on resized 17.6..20.8, i.e. crop columns 10..12; the black band at source 0..7 is cropped away.
     */
    @Test
    void wideImageKeepsItsAspectAndIsCroppedInTheCentre() {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 20);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 8, 20);
        g.setColor(Color.RED);
        g.fillRect(22, 0, 4, 20);
        g.dispose();
        float[] chw = new ImagePreprocessor(16, UNIT_MEAN, UNIT_STD).toChw(image);

        for (int y = 0; y < 16; y++) {
            assertTrue(green(chw, 11, y) < -1.5f, "red marker expected at column 11, row " + y);
            assertTrue(red(chw, 11, y) > 0.9f, "red marker expected at column 11, row " + y);
            for (int x : new int[] {0, 1, 6, 15}) {
                assertEquals(1f, red(chw, x, y), 0.02f, "white expected at column " + x + ", row " + y);
                assertEquals(2f, green(chw, x, y), 0.04f, "white expected at column " + x + ", row " + y);
            }
        }
    }

    @Test
    void tallImageIsCroppedVertically() {
        BufferedImage image = new BufferedImage(20, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 20, 40);
        g.setColor(Color.RED);
        g.fillRect(0, 22, 20, 4);
        g.dispose();
        float[] chw = new ImagePreprocessor(16, UNIT_MEAN, UNIT_STD).toChw(image);
        assertTrue(green(chw, 5, 11) < -1.5f);
        assertEquals(2f, green(chw, 5, 0), 0.04f);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ImagePreprocessor(7, UNIT_MEAN, UNIT_STD));
        assertThrows(IllegalArgumentException.class, () -> new ImagePreprocessor(8, new float[2], UNIT_STD));
        assertThrows(IllegalArgumentException.class, () -> new ImagePreprocessor(8, UNIT_MEAN, new float[] {1, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> new ImagePreprocessor(8, UNIT_MEAN, new float[] {1, Float.NaN, 1}));
    }

    @Test
    void equalityComparesValuesAndArraysAreCopied() {
        float[] mean = UNIT_MEAN.clone();
        ImagePreprocessor preprocessor = new ImagePreprocessor(8, mean, UNIT_STD);
        mean[0] = 9;
        assertEquals(new ImagePreprocessor(8, UNIT_MEAN, UNIT_STD), preprocessor);
        preprocessor.mean()[1] = 9;
        assertEquals(0.5f, preprocessor.mean()[1]);
    }

    private static float red(float[] chw, int x, int y) {
        return chw[y * 16 + x];
    }

    private static float green(float[] chw, int x, int y) {
        return chw[256 + y * 16 + x];
    }
}
