package org.clipdg.evaluate.zeroshot;

import java.io.IOException;
import java.util.List;

/** Turns prompts into text embeddings (not necessarily normalised), one row per prompt. */
@FunctionalInterface
public interface TextEncoder {
    float[][] embed(List<String> prompts) throws IOException;
}
