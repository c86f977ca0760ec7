package org.clipdg.ingest.source;

import java.nio.charset.StandardCharsets;
import org.clipdg.core.DomainLabels;
import org.clipdg.core.Hashing;

/**
 * Captions for images that come without one (ImageFolder and domain-folder trees): alt-text style
 * phrases built from the class name and the domain, e.g. "a sketch of a dog", "an art painting of
 * the guitar", or "a dog" (web captions often leave the domain out). Natural domains read as
 * "photo"; other domain names are read as words ({@code art_painting} is "art painting"). The phrase
 * depends only on the key, so captions are reproducible.
 */
final class FolderCaptions {
    private FolderCaptions() {}

    static String caption(String key, String className, String domain, DomainLabels labels) {
        String noun = words(className);
        String aNoun = withArticle(noun);
        int pick = Byte.toUnsignedInt(Hashing.sha256().digest(key.getBytes(StandardCharsets.UTF_8))[0]);
        if (domain.isEmpty()) {
            return switch (pick % 4) {
                case 0 -> aNoun;
                case 1 -> "a picture of " + aNoun;
                case 2 -> "an image of " + aNoun;
                default -> noun;
            };
        }
        String style = withArticle(labels.label(domain).equals(DomainLabels.NATURAL) ? "photo" : words(domain));
        return switch (pick % 5) {
            case 0 -> style + " of " + aNoun;
            case 1 -> style + " of the " + noun;
            case 2 -> style + " image of " + aNoun;
            case 3 -> noun + ", " + style;
            default -> aNoun;
        };
    }

    private static String words(String name) {
        return DomainLabels.normalise(name).replace('_', ' ');
    }

    private static String withArticle(String word) {
        return (!word.isEmpty() && "aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }
}
