package org.clipdg.embed.cliprt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Float16Test {
    private static float half(int bits) {
        return Float16.toFloat((short) bits);
    }

    @Test
    void knownBitPatternsConvertExactly() {
        assertEquals(1.0f, half(0x3c00));
        assertEquals(-2.0f, half(0xc000));
        assertEquals(65504.0f, half(0x7bff));
        assertEquals(0x1p-14f, half(0x0400));
        assertEquals(0x1p-24f, half(0x0001));
        assertEquals(1023 * 0x1p-24f, half(0x03ff));
        assertEquals(-0x1p-24f, half(0x8001));
        assertEquals(Float.intBitsToFloat(0x3eaaa000), half(0x3555));
        assertEquals(Float.POSITIVE_INFINITY, half(0x7c00));
        assertEquals(Float.NEGATIVE_INFINITY, half(0xfc00));
        assertEquals(Float.floatToRawIntBits(0.0f), Float.floatToRawIntBits(half(0x0000)));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(half(0x8000)));
        assertTrue(Float.isNaN(half(0x7e00)));
        assertTrue(Float.isNaN(half(0xfc01)));
    }

    @Test
    void everyFiniteHalfMatchesItsDefinition() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            int exponent = bits >>> 10 & 0x1f;
            if (exponent == 0x1f) {
                continue;
            }
            int mantissa = bits & 0x3ff;
            double magnitude = exponent == 0
                    ? Math.scalb((double) mantissa, -24)
                    : Math.scalb(1 + mantissa / 1024.0, exponent - 15);
            double expected = (bits & 0x8000) == 0 ? magnitude : -magnitude;
            assertEquals(expected, half(bits), 0.0, "half 0x" + Integer.toHexString(bits));
        }
    }
}
