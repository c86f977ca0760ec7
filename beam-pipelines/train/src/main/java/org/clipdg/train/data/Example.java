package org.clipdg.train.data;

/** One training pair: {@code pixels} are preprocessed CHW floats, {@code caption} the raw text. */
public record Example(String dataset, String key, float[] pixels, String caption) {}
