package org.clipdg.domains.splits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MixRatioTest {
    @Test
    void parsesRenditionNaturalPairs() {
        assertEquals(List.of(new MixRatio(1, 3), new MixRatio(1, 1), new MixRatio(3, 1)), MixRatio.parseList("1:3,1:1,3:1"));
        assertEquals(List.of(), MixRatio.parseList(""));
        assertEquals("1_3", new MixRatio(1, 3).fileForm());
        assertEquals("1:3, 1:1", MixRatio.join(MixRatio.parseList("1:3,1:1")));
    }

    @Test
    void rejectsAnythingButTwoPositiveIntegers() {
        for (String bad : List.of("1-3", "0:0", "0:1", "1:0", "1:", ":1", " 1:3", "1:3 ", "1:3:1", "-1:3", "1.5:3",
                "1234567890:1", "1:3,")) {
            assertThrows(IllegalArgumentException.class, () -> MixRatio.parseList(bad), bad);
        }
        assertEquals("mixture ratio '1-3' must be rendition:natural, two positive integers such as 1:3",
                assertThrows(IllegalArgumentException.class, () -> MixRatio.parse("1-3")).getMessage());
        assertEquals("mixture ratio 0:0 needs two positive parts",
                assertThrows(IllegalArgumentException.class, () -> MixRatio.parse("0:0")).getMessage());
    }

    @Test
    void renditionsAreRoundedHalfUp() {
        MixRatio oneToOne = new MixRatio(1, 1);
        assertEquals(3, oneToOne.renditionsOf(5));
        assertEquals(2, oneToOne.renditionsOf(4));
        MixRatio oneToThree = new MixRatio(1, 3);
        assertEquals(1, oneToThree.renditionsOf(5));
        assertEquals(2, oneToThree.renditionsOf(6));
        assertEquals(500, oneToThree.renditionsOf(2000));
        assertEquals(1500, new MixRatio(3, 1).renditionsOf(2000));
        assertEquals(1, new MixRatio(1, 2).renditionsOf(2));
        assertEquals(0, new MixRatio(1, 2).renditionsOf(1));
    }
}
