package org.clipdg.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.clipdg.core.Hashing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BicubicResamplerTest {

    /**
     * Expected digests come from Pillow 9.4 (Debian python3-pil): the same formula image resized with
     * {@code Image.resize((w, h), Image.BICUBIC)}, sha256 of {@code tobytes()} (RGB bytes, row-major).
     */
    @ParameterizedTest
    @CsvSource({
        "37, 23, 16, 11, 4b906390ada16fbe9504fc72cdf28622e5f9fc8a8f6470fd886d936c80dc30b7",
        "7, 5, 19, 13, d1a23191cf0bd1cb441f98917c158066b521971de7160a3ab0e43b4d8b2fedc0",
        "20, 10, 20, 7, 166b356dda5f358da3a1d2c17999971558e465c68b18f0fc88cf8cdf2c145250",
        "100, 80, 9, 7, d054f6e4e685b9a46d98d00e107664c50de84d8a63565ddca2b70e75a99adb9e",
        "320, 240, 298, 224, 1d202dfb2a8b2c6cc1c9af92e315c414bacf1ab2d238e5cd7ee7995d135c4fb1",
        "13, 40, 5, 40, 4a0bd095c9b8d47f8b991b93faaf3dbb3b978537ec2491243dc45f5fc10031c6"})
    void matchesPillowBitForBit(int width, int height, int outWidth, int outHeight, String pillowSha256) {
        int[] out = BicubicResampler.resize(formulaImage(width, height), width, height, outWidth, outHeight);
        byte[] rgb = new byte[out.length * 3];
        for (int i = 0; i < out.length; i++) {
            rgb[3 * i] = (byte) (out[i] >> 16);
            rgb[3 * i + 1] = (byte) (out[i] >> 8);
            rgb[3 * i + 2] = (byte) out[i];
        }
        assertEquals(pillowSha256, Hashing.sha256(rgb));
    }

    private static int[] formulaImage(int width, int height) {
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 31 + y * 17) % 256;
                int g = (x * x + 3 * y) % 256;
                int b = (x * y * 7 + 11) % 256;
                pixels[y * width + x] = (r << 16) | (g << 8) | b;
            }
        }
        return pixels;
    }
}
