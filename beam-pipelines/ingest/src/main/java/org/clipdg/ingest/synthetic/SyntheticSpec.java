package org.clipdg.ingest.synthetic;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parsed, validated generator spec of one dataset (one JSON file).
 *
 * @param size number of images
 * @param domains domain -> fraction of images, in {@link #DOMAINS} order; fractions sum to 1
 * @param pCommon probability that an image shows its class's typical background
 * @param captionDomainDropout probability that a caption omits its domain phrase
 * @param imageSize image side in pixels
 * @param shift appearance shift in [0, 1] for a second draw of the same task
 * @param classes shape classes, distinct members of {@link #DEFAULT_CLASSES}; image i shows classes[i mod K]
 */
public record SyntheticSpec(int size, Map<String, Double> domains, double pCommon,
        double captionDomainDropout, int imageSize, double shift, List<String> classes) {

    public static final List<String> DEFAULT_CLASSES = List.of("circle", "square", "triangle", "star",
            "hexagon", "octagon", "moon", "lightning", "diamond", "cloud");
    public static final List<String> DOMAINS = List.of("photo", "sketch", "clipart", "painting", "mixed");

    private static final int DEFAULT_IMAGE_SIZE = 64;
    private static final double SUM_TOLERANCE = 1e-6;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Validates; messages name the offending JSON field. */
    public SyntheticSpec {
        if (size < 1) {
            throw invalid("size", "must be at least 1, got " + size);
        }
        domains = validDomains(domains);
        requireProbability("p_common", pCommon);
        requireProbability("caption_domain_dropout", captionDomainDropout);
        if (imageSize < 16 || imageSize > 1024) {
            throw invalid("image_size", "must be in [16, 1024], got " + imageSize);
        }
        requireProbability("shift", shift);
        classes = validClasses(classes);
    }

    /**
     * Reads and validates; errors are IllegalArgumentException naming the file and the offending
     * field (unknown field, fractions not summing to 1 within 1e-6, unknown domain or class,
     * p_common outside [0,1], size &lt; 1, image_size outside [16, 1024], shift outside [0,1]).
     */
    public static SyntheticSpec read(Path file) throws IOException {
        Raw raw;
        try (InputStream in = Files.newInputStream(file)) {
            raw = MAPPER.readValue(in, Raw.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(file + ": unknown field '" + e.getPropertyName() + "'", e);
        } catch (JsonMappingException e) {
            String where = e.getPath().isEmpty() ? "not a spec object" : "field '" + jsonPath(e) + "'";
            throw new IllegalArgumentException(file + ": " + where + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return new SyntheticSpec(
                    required("size", raw.size()),
                    required("domains", raw.domains()),
                    required("p_common", raw.pCommon()),
                    required("caption_domain_dropout", raw.captionDomainDropout()),
                    raw.imageSize() == null ? DEFAULT_IMAGE_SIZE : raw.imageSize(),
                    raw.shift() == null ? 0.0 : raw.shift(),
                    raw.classes() == null ? DEFAULT_CLASSES : raw.classes());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Same spec restricted to the given classes (subset of the spec's, in the spec's order); empty list = unchanged. */
    public SyntheticSpec withClasses(List<String> subset) {
        if (subset.isEmpty()) {
            return this;
        }
        for (String c : subset) {
            if (!classes.contains(c)) {
                throw new IllegalArgumentException("unknown class '" + c + "' (spec classes: " + classes + ")");
            }
        }
        List<String> kept = classes.stream().filter(subset::contains).toList();
        return new SyntheticSpec(size, domains, pCommon, captionDomainDropout, imageSize, shift, kept);
    }

    /** The JSON document; boxed so that missing fields can be told from zeros. */
    record Raw(@JsonProperty("size") Integer size,
            @JsonProperty("domains") Map<String, Double> domains,
            @JsonProperty("p_common") Double pCommon,
            @JsonProperty("caption_domain_dropout") Double captionDomainDropout,
            @JsonProperty("image_size") Integer imageSize,
            @JsonProperty("shift") Double shift,
            @JsonProperty("classes") List<String> classes) {}

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw invalid(field, "is required");
        }
        return value;
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static IllegalArgumentException invalid(String field, String problem) {
        return new IllegalArgumentException("field '" + field + "' " + problem);
    }

    private static void requireProbability(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(field, "must be in [0, 1], got " + value);
        }
    }

    private static Map<String, Double> validDomains(Map<String, Double> domains) {
        if (domains == null || domains.isEmpty()) {
            throw invalid("domains", "must name at least one domain");
        }
        double sum = 0;
        for (Map.Entry<String, Double> e : domains.entrySet()) {
            String field = "domains." + e.getKey();
            if (!DOMAINS.contains(e.getKey())) {
                throw invalid(field, "is not a domain (expected one of " + DOMAINS + ")");
            }
            if (e.getValue() == null || !(e.getValue() >= 0 && e.getValue() <= 1)) {
                throw invalid(field, "fraction must be in [0, 1], got " + e.getValue());
            }
            sum += e.getValue();
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw invalid("domains", "fractions must sum to 1 (within 1e-6), got " + sum);
        }
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String d : DOMAINS) {
            if (domains.containsKey(d)) {
                ordered.put(d, domains.get(d));
            }
        }
        return Collections.unmodifiableMap(ordered);
    }

    private static List<String> validClasses(List<String> classes) {
        if (classes == null || classes.isEmpty()) {
            throw invalid("classes", "must name at least one class");
        }
        for (String c : classes) {
            if (c == null || !DEFAULT_CLASSES.contains(c)) {
                throw invalid("classes", "has unknown class '" + c + "' (expected some of " + DEFAULT_CLASSES + ")");
            }
        }
        if (new HashSet<>(classes).size() != classes.size()) {
            throw invalid("classes", "lists a class twice: " + classes);
        }
        return List.copyOf(classes);
    }
}
