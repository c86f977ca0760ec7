package org.clipdg.ingest.emoji;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The synthetic study's shape classes and the emoji that shows each: its characters and its Unicode
 * (CLDR) short name. Colours are alike across classes where Unicode allows (red circle, square,
 * triangle), so that shape, not colour, tells the classes apart.
 */
public enum ShapeEmoji {
    CIRCLE("circle", "\uD83D\uDD34", "red circle"),
    SQUARE("square", "\uD83D\uDFE5", "red square"),
    TRIANGLE("triangle", "\uD83D\uDD3A", "red triangle pointed up"),
    STAR("star", "\u2B50", "star"),
    MOON("moon", "\uD83C\uDF19", "crescent moon"),
    LIGHTNING("lightning", "\u26A1", "high voltage"),
    DIAMOND("diamond", "\uD83D\uDC8E", "gem stone"),
    CLOUD("cloud", "\u2601\uFE0F", "cloud"),
    OCTAGON("octagon", "\uD83D\uDED1", "stop sign");

    private final String className;
    private final String characters;
    private final String unicodeName;

    ShapeEmoji(String className, String characters, String unicodeName) {
        this.className = className;
        this.characters = characters;
        this.unicodeName = unicodeName;
    }

    public String className() {
        return className;
    }

    public String unicodeName() {
        return unicodeName;
    }

    /** Code points as emoji file names spell them: lower-case hex joined by '-', e.g. {@code 2601-fe0f}. */
    String codePointsInFileNames() {
        return characters.codePoints().mapToObj(Integer::toHexString).collect(Collectors.joining("-"));
    }

    /** E.g. {@code red circle (U+1F534)}. */
    String describe() {
        String codePoints = characters.codePoints().mapToObj(c -> "U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
        return unicodeName + " (" + codePoints + ")";
    }

    public static ShapeEmoji forClass(String className) {
        return Arrays.stream(values()).filter(s -> s.className.equals(className)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no emoji for class '" + className + "'; known: "
                        + Arrays.stream(values()).map(ShapeEmoji::className).toList()));
    }

    public static List<ShapeEmoji> all() {
        return List.of(values());
    }
}
