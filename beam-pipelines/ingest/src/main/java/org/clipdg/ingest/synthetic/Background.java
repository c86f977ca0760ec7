package org.clipdg.ingest.synthetic;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Scene backgrounds; each shape class has one typical background. */
enum Background {
    GRASS("circle", 0x4E8C3C, "on grass", "on the grass", "in a field"),
    WOOD("square", 0x98663E, "on a wooden table", "on wood"),
    SAND("triangle", 0xD4BC8C, "on the sand", "on a beach"),
    NIGHT("star", 0x141936, "at night", "in the night sky"),
    LEAVES("hexagon", 0x41732D, "among leaves", "on leaves"),
    BRICK("octagon", 0xA2523E, "against a brick wall", "on bricks"),
    WATER("moon", 0x2D69A5, "on the water", "over the sea"),
    SKY("lightning", 0x78AAE4, "in the sky", "against a blue sky"),
    ROCK("diamond", 0x7A7670, "on a rock", "on stone"),
    SNOW("cloud", 0xE6EBF2, "in the snow", "over snow");

    private final String typicalClass;
    private final int mean;
    private final List<String> phrases;

    Background(String typicalClass, int mean, String... phrases) {
        this.typicalClass = typicalClass;
        this.mean = mean;
        this.phrases = List.of(phrases);
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Approximate mean colour of the texture, used to keep objects in contrast with it. */
    int mean() {
        return mean;
    }

    String phrase(SplittableRandom rng) {
        return phrases.get(rng.nextInt(phrases.size()));
    }

    static Background typicalFor(String className) {
        for (Background b : values()) {
            if (b.typicalClass.equals(className)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no background for class '" + className + "'");
    }

    static Background otherThan(Background excluded, SplittableRandom rng) {
        int pick = rng.nextInt(values().length - 1);
        return values()[pick >= excluded.ordinal() ? pick + 1 : pick];
    }
}
