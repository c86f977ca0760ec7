package org.clipdg.ingest.synthetic;

import java.awt.Shape;

/**
 * Content factors of one image, shared by every domain's rendering of it.
 *
 * @param shape the object outline in pixel coordinates
 * @param tone the object's rendered RGB, a variation of {@code colour}
 * @param lightDeg direction the light comes from, counter-clockwise from the +x axis, y up
 * @param noise photo pixel noise standard deviation in 8-bit levels
 */
record Scene(int size, Background background, Palette colour, int tone, Shape shape,
        double lightDeg, double noise, double shift) {

    /** Image side relative to the 64-pixel design size; sizes of strokes and blurs scale with it. */
    double unit() {
        return size / 64.0;
    }
}
