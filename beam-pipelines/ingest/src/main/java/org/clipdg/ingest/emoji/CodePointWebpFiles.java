package org.clipdg.ingest.emoji;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Emoji as one WebP file per emoji named by its code points, {@code assets/1f534.webp} (LobeHub's Fluent Emoji 3D). */
final class CodePointWebpFiles {
    private static final String FOLDER = "assets/";

    private CodePointWebpFiles() {}

    static Map<ShapeEmoji, EmojiPicture> load(NpmPackage npmPackage, List<ShapeEmoji> shapes) throws IOException {
        Map<ShapeEmoji, EmojiPicture> pictures = new LinkedHashMap<>();
        for (ShapeEmoji shape : shapes) {
            String relative = FOLDER + shape.codePointsInFileNames() + ".webp";
            Path file = npmPackage.file(relative);
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IOException("no image reader for " + file + " (the " + shape.describe() + " emoji)");
            }
            pictures.put(shape, new EmojiPicture(Artwork.bitmap(image), relative));
        }
        return pictures;
    }
}
