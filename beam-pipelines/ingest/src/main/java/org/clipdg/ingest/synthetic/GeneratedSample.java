package org.clipdg.ingest.synthetic;

import java.awt.image.BufferedImage;
import java.util.SortedMap;

/**
 * One generated image with its caption and ground truth.
 *
 * @param image TYPE_INT_RGB, imageSize x imageSize
 * @param domain photo, sketch, clipart, painting or mixed
 * @param domainLabel natural, rendition or ambiguous
 * @param background the background factor drawn for the scene, whether or not the domain shows it
 * @param group {@code common} when the background is the class's typical one, else {@code counter}
 * @param factors the drawn appearance factors as strings (unmodifiable)
 */
public record GeneratedSample(BufferedImage image, String caption, String className, String domain,
        String domainLabel, String background, String group, SortedMap<String, String> factors) {}
