package org.clipdg.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetSizeTest {
    @Test
    void aCountStaysAndAShareIsTakenOfThePool() {
        assertEquals(4000, TargetSize.parse("4000").resolve(8000));
        assertEquals(2000, TargetSize.parse("25%").resolve(8000));
        assertEquals(3, TargetSize.parse("12.5%").resolve(20), "rounded to the nearest sample (2.5 -> 3)");
        assertEquals(8000, TargetSize.parse("100%").resolve(8000));
    }

    @Test
    void anythingElseIsAnErrorNamingIt() {
        for (String bad : new String[] {"0%", "150%", "-3", "half", "25 %%"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetSize.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
