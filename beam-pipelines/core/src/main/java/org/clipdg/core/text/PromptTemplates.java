package org.clipdg.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Prompt templates for class embeddings, each with one {@code {}} for the class name. Built-in
 * sets: {@code openai} (the 80 ImageNet templates of OpenAI's CLIP) and {@code domains} ("a sketch
 * of a {}.", ...); any other entry is a file with one template per line ({@code #} starts a comment).
 */
public final class PromptTemplates {
    public static final List<String> BUILT_IN = List.of("openai", "domains");
    private static final String RESOURCE = "/org/clipdg/core/templates/%s.txt";

    private PromptTemplates() {}

    /** The templates of the comma-separated {@code spec} (built-in names or files), in order, each once. */
    public static List<String> load(String spec) throws IOException {
        Set<String> templates = new LinkedHashSet<>();
        for (String entry : spec.split(",")) {
            String name = entry.trim();
            if (name.isEmpty()) {
                continue;
            }
            String source = BUILT_IN.contains(name) ? "built-in template set '" + name + "'" : name;
            templates.addAll(parse(BUILT_IN.contains(name) ? builtIn(name) : read(Path.of(name)), source));
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no prompt templates in '" + spec + "' (built-in: " + String.join(", ", BUILT_IN)
                    + ", or files with one template per line)");
        }
        return List.copyOf(templates);
    }

    /** The prompt of one class: the template with {@code {}} replaced by the class name. */
    public static String fill(String template, String className) {
        return template.replace("{}", className);
    }

    private static String builtIn(String name) throws IOException {
        try (InputStream in = PromptTemplates.class.getResourceAsStream(String.format(RESOURCE, name))) {
            if (in == null) {
                throw new IOException("built-in template set '" + name + "' is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("prompt templates: '" + file + "' is neither a built-in set (" + String.join(", ", BUILT_IN)
                    + ") nor a file");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static List<String> parse(String text, String source) {
        List<String> templates = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.indexOf("{}") < 0 || line.indexOf("{}") != line.lastIndexOf("{}")) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": a template needs exactly one {} for the class"
                        + " name, got '" + line + "'");
            }
            templates.add(line);
        }
        return templates;
    }
}
