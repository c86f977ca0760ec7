package org.clipdg.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a ground-truth domain name to the study's domain label: natural, rendition or ambiguous.
 * Built-in names cover the synthetic study and the public multi-domain sets (PACS, DomainNet,
 * Office-Home, ImageNet-R/Sketch); a user's mapping ({@code art_painting=rendition,...}) adds or
 * overrides names. Names are compared after {@link #normalise}, so "Real World" is real_world.
 */
public final class DomainLabels {
    public static final String NATURAL = "natural";
    public static final String RENDITION = "rendition";
    public static final String AMBIGUOUS = "ambiguous";
    public static final List<String> LABELS = List.of(NATURAL, AMBIGUOUS, RENDITION);

    private static final Set<String> NATURAL_DOMAINS = Set.of(NATURAL, "photo", "real", "real_world", "product",
            "photograph");
    private static final Set<String> AMBIGUOUS_DOMAINS = Set.of(AMBIGUOUS, "mixed");
    private static final Set<String> RENDITION_DOMAINS = Set.of(RENDITION, "sketch", "clipart", "painting",
            "art_painting", "quickdraw", "cartoon", "drawing", "infograph", "art", "graffiti", "embroidery", "origami",
            "sculpture", "tattoo", "toy", "videogame", "deviantart", "misc");

    /** The built-in names alone. */
    public static final DomainLabels BUILT_IN = new DomainLabels(Map.of());

    private final Map<String, String> overrides;

    private DomainLabels(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * The built-in names plus a user's mapping: comma-separated {@code domain=label} pairs, label one
     * of natural, rendition or ambiguous; empty or {@code none} for none.
     *
     * @throws IllegalArgumentException naming the bad pair
     */
    public static DomainLabels withMapping(String mapping) {
        Map<String, String> overrides = new LinkedHashMap<>();
        String spec = mapping == null ? "" : mapping.strip();
        if (spec.isEmpty() || spec.equals("none")) {
            return BUILT_IN;
        }
        for (String pair : spec.split(",")) {
            String[] parts = pair.split("=", -1);
            String label = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT) : "";
            if (parts.length != 2 || normalise(parts[0]).isEmpty() || !LABELS.contains(label)) {
                throw new IllegalArgumentException("domain label mapping '" + pair.strip() + "': expected domain=label"
                        + " with label one of " + String.join(", ", LABELS) + " (e.g. art_painting=rendition)");
            }
            overrides.put(normalise(parts[0]), label);
        }
        return new DomainLabels(overrides);
    }

    /** The label of a domain under the built-in names, or "" when the domain is unknown or empty. */
    public static String labelOf(String domain) {
        return BUILT_IN.label(domain);
    }

    /** The label of a domain, or "" when the domain is unknown or empty. */
    public String label(String domain) {
        String name = normalise(domain);
        String mapped = overrides.get(name);
        if (mapped != null) {
            return mapped;
        }
        if (NATURAL_DOMAINS.contains(name)) {
            return NATURAL;
        }
        if (AMBIGUOUS_DOMAINS.contains(name)) {
            return AMBIGUOUS;
        }
        return RENDITION_DOMAINS.contains(name) ? RENDITION : "";
    }

    /** Lower case, with runs of spaces and hyphens as one underscore. */
    public static String normalise(String domain) {
        return domain.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }
}
