package org.clipdg.ingest.synthetic;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Web-style alt-text: {@code [domain phrase] article [colour] noun [background phrase]},
 * e.g. "a photo of a red star on grass" or "an octagon in the snow".
 */
final class CaptionGrammar {

    private static final double P_COLOUR = 0.75;
    private static final double P_BACKGROUND = 0.7;

    private static final Map<String, List<String>> STYLE_PHRASES = Map.of(
            "photo", List.of("a photo of", "a picture of", "a close-up photo of", "a photograph of"),
            "sketch", List.of("a pencil sketch of", "a sketch of", "a pencil drawing of", "a drawing of"),
            "clipart", List.of("a clipart of", "a clip art image of", "a flat illustration of"),
            "painting", List.of("an oil painting of", "a painting of", "an impressionist painting of"),
            "cartoon", List.of("a cartoon of", "a cartoon drawing of"));

    private static final Map<String, String> NOUNS = Map.of("lightning", "lightning bolt");

    private CaptionGrammar() {}

    /**
     * @param colour the object's colour, or null when the image shows none
     * @param background the visible background, or null when the image shows none
     */
    static String caption(SplittableRandom rng, String style, Palette colour, String className,
            Background background, double domainDropout) {
        boolean withStyle = rng.nextDouble() >= domainDropout;
        boolean withColour = colour != null && rng.nextDouble() < P_COLOUR;
        boolean withBackground = background != null && rng.nextDouble() < P_BACKGROUND;
        StringBuilder np = new StringBuilder();
        if (withColour) {
            np.append(colour.id()).append(' ');
        }
        np.append(NOUNS.getOrDefault(className, className));
        StringBuilder out = new StringBuilder();
        if (withStyle) {
            List<String> phrases = STYLE_PHRASES.get(style);
            out.append(phrases.get(rng.nextInt(phrases.size()))).append(' ');
        }
        out.append(article(np)).append(' ').append(np);
        if (withBackground) {
            out.append(' ').append(background.phrase(rng));
        }
        return out.toString();
    }

    private static String article(CharSequence word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
