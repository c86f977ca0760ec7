package org.clipdg.core;

import java.util.Locale;
import java.util.Set;

/** Maps a ground-truth domain name to the study's domain label: natural, rendition or ambiguous. */
public final class DomainLabels {
    public static final String NATURAL = "natural";
    public static final String RENDITION = "rendition";
    public static final String AMBIGUOUS = "ambiguous";

    private static final Set<String> NATURAL_DOMAINS = Set.of(NATURAL, "photo", "real");
    private static final Set<String> AMBIGUOUS_DOMAINS = Set.of(AMBIGUOUS, "mixed");
    private static final Set<String> RENDITION_DOMAINS = Set.of(RENDITION, "sketch", "clipart", "painting",
            "quickdraw", "cartoon", "drawing", "infograph", "art", "graffiti", "embroidery", "origami",
            "sculpture", "tattoo", "toy", "videogame", "deviantart", "misc");

    private DomainLabels() {}

    /** The label of a domain, or "" when the domain is unknown or empty. */
    public static String labelOf(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (NATURAL_DOMAINS.contains(name)) {
            return NATURAL;
        }
        if (AMBIGUOUS_DOMAINS.contains(name)) {
            return AMBIGUOUS;
        }
        return RENDITION_DOMAINS.contains(name) ? RENDITION : "";
    }
}
