package org.clipdg.evaluate;

/** Who is evaluated: the model's name, the split it was trained on and the split's whitelist sha256. */
public record EvaluatedModel(String name, String split, String splitSha256) {}
