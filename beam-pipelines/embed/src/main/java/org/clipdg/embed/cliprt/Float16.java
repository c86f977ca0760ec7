package org.clipdg.embed.cliprt;

/** IEEE 754 half precision (NumPy's float16) to float32; every half value is exactly representable as a float. */
final class Float16 {
    private static final int EXPONENT_BIAS_DIFFERENCE = 127 - 15;

    private Float16() {}

    static float toFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) { // infinity, or NaN with its payload kept
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | (exponent + EXPONENT_BIAS_DIFFERENCE) << 23 | mantissa << 13);
    }
}
