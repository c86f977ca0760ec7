package org.clipdg.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BackgroundTest {

    @Test
    void everyClassHasItsOwnTypicalBackground() {
        Set<Background> seen = EnumSet.noneOf(Background.class);
        for (String c : SyntheticSpec.DEFAULT_CLASSES) {
            seen.add(Background.typicalFor(c));
        }
        assertEquals(SyntheticSpec.DEFAULT_CLASSES.size(), seen.size());
    }

    @Test
    void otherThanNeverReturnsTheExcludedBackground() {
        SplittableRandom rng = new SplittableRandom(1);
        for (Background b : Background.values()) {
            Set<Background> drawn = EnumSet.noneOf(Background.class);
            for (int i = 0; i < 500; i++) {
                Background other = Background.otherThan(b, rng);
                assertNotEquals(b, other);
                drawn.add(other);
            }
            assertEquals(Background.values().length - 1, drawn.size(), "not all other backgrounds drawn");
        }
    }

    /**
     * Texture variation must stay well below the object/background colour distance the palette
     * enforces, and the declared mean that distance is measured from must match the texture.
     */
    @ParameterizedTest
    @EnumSource(Background.class)
    void textureContrastIsLowerThanObjectContrast(Background b) {
        for (int k = 0; k < 20; k++) {
            int[] px = Textures.render(b, 64, new SplittableRandom(k), 1.0);
            double[] mean = new double[3];
            for (int p : px) {
                mean[0] += Pixels.red(p);
                mean[1] += Pixels.green(p);
                mean[2] += Pixels.blue(p);
            }
            for (int c = 0; c < 3; c++) {
                mean[c] /= px.length;
            }
            double sumSq = 0;
            for (int p : px) {
                double dr = Pixels.red(p) - mean[0];
                double dg = Pixels.green(p) - mean[1];
                double db = Pixels.blue(p) - mean[2];
                sumSq += dr * dr + dg * dg + db * db;
            }
            double spread = Math.sqrt(sumSq / px.length);
            assertTrue(spread < Palette.MIN_CONTRAST / 3, b + " texture spread " + spread);
            double drift = Pixels.distance(Pixels.rgb(mean[0], mean[1], mean[2]), b.mean());
            assertTrue(drift < 30, b + " mean is " + drift + " away from the declared mean");
        }
    }
}
