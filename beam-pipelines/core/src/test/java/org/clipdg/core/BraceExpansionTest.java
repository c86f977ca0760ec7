package org.clipdg.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BraceExpansionTest {

    @Test
    void rangeKeepsZeroPadding() {
        assertEquals(List.of("/d/00008.tar", "/d/00009.tar", "/d/00010.tar"), BraceExpansion.expand("/d/{00008..00010}.tar"));
    }

    @Test
    void listsAndSeveralGroupsExpandLeftToRight() {
        assertEquals(List.of("a/0.tar", "a/1.tar", "b/0.tar", "b/1.tar"), BraceExpansion.expand("{a,b}/{0..1}.tar"));
    }

    @Test
    void plainPathIsItself() {
        assertEquals(List.of("/d/x.tar"), BraceExpansion.expand("/d/x.tar"));
    }

    @Test
    void malformedPatternsAreRejectedWithThePattern() {
        for (String bad : List.of("/d/{1..3.tar", "/d/1..3}.tar", "/d/{3..1}.tar", "/d/{abc}.tar")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BraceExpansion.expand(bad));
            assertEquals(true, e.getMessage().contains(bad), e.getMessage());
        }
    }
}
