package org.clipdg.ingest.emoji;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Icons of an Iconify JSON icon set ({@code icons.json}: an SVG body per icon name, with a view box
 * given by the set or the icon). The file is streamed, since Fluent Emoji's colour set is 100 MB.
 */
final class IconifyIcons {
    static final String FILE = "icons.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Iconify's default view box side, for sets that give none. */
    private static final double DEFAULT_SIDE = 16;

    private IconifyIcons() {}

    /** The pictures of {@code iconNames} (shape to icon name); an error names every icon the set lacks. */
    static Map<ShapeEmoji, EmojiPicture> load(NpmPackage npmPackage, Map<ShapeEmoji, String> iconNames) throws IOException {
        Path file = npmPackage.file(FILE);
        Map<String, JsonNode> icons = new HashMap<>();
        List<String> allNames = new ArrayList<>();
        Map<String, Double> setDefaults = new HashMap<>();
        Set<String> wanted = Set.copyOf(iconNames.values());
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": not an Iconify JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("icons")) {
                    readIcons(parser, wanted, icons, allNames);
                } else if (value.isNumeric()) {
                    setDefaults.put(field, parser.getDoubleValue());
                } else {
                    parser.skipChildren();
                }
            }
        }
        List<String> missing = iconNames.values().stream().filter(name -> !icons.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new IOException("npm package " + npmPackage + " has no icon " + String.join(", ", missing) + " in " + file
                    + "; similar names: " + similarNames(missing, allNames));
        }
        Map<ShapeEmoji, EmojiPicture> pictures = new LinkedHashMap<>();
        for (Map.Entry<ShapeEmoji, String> entry : iconNames.entrySet()) {
            String svg = svgDocument(icons.get(entry.getValue()), setDefaults);
            pictures.put(entry.getKey(), new EmojiPicture(Artwork.svg(svg), FILE + "#" + entry.getValue()));
        }
        return pictures;
    }

    private static void readIcons(JsonParser parser, Set<String> wanted, Map<String, JsonNode> icons, List<String> allNames)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            allNames.add(name);
            if (wanted.contains(name)) {
                icons.put(name, parser.readValueAsTree());
            } else {
                parser.skipChildren();
            }
        }
    }

    private static String svgDocument(JsonNode icon, Map<String, Double> setDefaults) {
        double left = icon.path("left").asDouble(setDefaults.getOrDefault("left", 0.0));
        double top = icon.path("top").asDouble(setDefaults.getOrDefault("top", 0.0));
        double width = icon.path("width").asDouble(setDefaults.getOrDefault("width", DEFAULT_SIDE));
        double height = icon.path("height").asDouble(setDefaults.getOrDefault("height", DEFAULT_SIDE));
        // High-contrast icons paint in currentColor: black.
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" color=\"#000000\""
                + " viewBox=\"" + left + " " + top + " " + width + " " + height + "\">" + icon.path("body").asText() + "</svg>";
    }

    /** Up to ten icon names sharing the longest word of a missing name. */
    private static List<String> similarNames(List<String> missing, List<String> allNames) {
        String word = List.of(missing.get(0).split("-")).stream().max(Comparator.comparingInt(String::length)).orElse("");
        return allNames.stream().filter(name -> name.contains(word)).limit(10).toList();
    }
}
