package org.clipdg.ingest.source;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
    private static final List<String> WITH_DOMAIN = List.of("%s of %s", "%s of the %s", "%s image of %s", "%3$s, %1$s",
            "%2$s");
    private static final List<String> WITHOUT_DOMAIN = List.of("%2$s", "a picture of %2$s", "an image of %2$s",
            "%3$s");

    private FolderCaptions() {}

    static String caption(String key, String className, String domain, DomainLabels labels) {
        String noun = words(className);
        String withArticle = article(noun) + " " + noun;
        int pick = Byte.toUnsignedInt(Hashing.sha256().digest(key.getBytes(StandardCharsets.UTF_8))[0]);
        if (domain.isEmpty()) {
            return String.format(WITHOUT_DOMAIN.get(pick % WITHOUT_DOMAIN.size()), "", withArticle, noun);
        }
        String style = labels.label(domain).equals(DomainLabels.NATURAL) ? "photo" : words(domain);
        String template = WITH_DOMAIN.get(pick % WITH_DOMAIN.size());
        String phrase = article(style) + " " + style;
        return String.format(template, phrase, template.contains("the %s") ? noun : withArticle, noun);
    }

    private static String words(String name) {
        return DomainLabels.normalise(name).replace('_', ' ');
    }

    private static String article(String word) {
        return !word.isEmpty() && "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
