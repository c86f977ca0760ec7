package org.clipdg.ingest.emoji;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/** Where one domain's images come from. */
interface DomainImages {

    /** {@code count} images of {@code shape}; the same ones for the same seed. */
    List<Sourced> images(ShapeEmoji shape, int count, long seed) throws IOException;

    /** An image, the emoji it shows ({@code -} for a drawing) and the package file it is made from. */
    record Sourced(BufferedImage image, String emoji, String source) {}
}
