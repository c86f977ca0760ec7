package org.clipdg.ingest;

import java.awt.image.BufferedImage;

/** A record turned into a sample: decoded RGB image, caption and facts. */
public record IngestedSample(BufferedImage image, String caption, RecordFacts facts) {}
