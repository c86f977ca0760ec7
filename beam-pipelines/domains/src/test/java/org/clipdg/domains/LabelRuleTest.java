package org.clipdg.domains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelRuleTest {
    private static final List<String> THREE = List.of("rendition", "natural", "ambiguous");

    private static String[] labels(LabelRule rule, float... probabilities) {
        LabelRule.Labels labels = rule.apply(probabilities, 0);
        return new String[] {labels.defaultLabel(), labels.strictLabel()};
    }

    @Test
    void defaultIsTheLikeliestClassAndStrictNeedsItsThreshold() {
        LabelRule rule = new LabelRule(THREE, 0.9, 0.8);
        assertEquals(List.of("natural", "ambiguous"), List.of(labels(rule, 0.2f, 0.7f, 0.1f)));
        assertEquals(List.of("natural", "natural"), List.of(labels(rule, 0.05f, 0.9f, 0.05f)));
        assertEquals(List.of("rendition", "rendition"), List.of(labels(rule, 0.8f, 0.1f, 0.1f)));
        assertEquals(List.of("ambiguous", "ambiguous"), List.of(labels(rule, 0.3f, 0.3f, 0.4f)));
        LabelRule.Labels labels = rule.apply(new float[] {0f, 0f, 0f, 0.25f, 0.5f, 0.25f}, 1);
        assertEquals(0.5f, labels.pNatural());
        assertEquals(0.25f, labels.pRendition());
    }

    @Test
    void exactTiesAreAmbiguous() {
        LabelRule rule = new LabelRule(List.of("natural", "rendition"), 0.3, 0.3);
        assertEquals(List.of("ambiguous", "ambiguous"), List.of(labels(rule, 0.5f, 0.5f)));
    }

    @Test
    void whenBothStrictThresholdsAreReachedTheLikelierClassWins() {
        LabelRule rule = new LabelRule(THREE, 0.3, 0.3);
        assertEquals("rendition", labels(rule, 0.4f, 0.35f, 0.25f)[1]);
        assertEquals("natural", labels(rule, 0.3f, 0.45f, 0.25f)[1]);
    }

    @Test
    void aClassifierWithoutNaturalOrRenditionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LabelRule(List.of("natural", "ambiguous"), 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new LabelRule(List.of("natural", "rendition", "photo"), 0.5, 0.5));
    }
}
