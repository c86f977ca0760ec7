package org.clipdg.ingest.emoji;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.clipdg.core.Hashing;

/** A style with one picture per emoji, made into many images by {@link Augmentation}. */
final class EmojiVariants implements DomainImages {
    private final String domain;
    private final Map<ShapeEmoji, EmojiPicture> pictures;
    private final int side;

    EmojiVariants(String domain, Map<ShapeEmoji, EmojiPicture> pictures, int side) {
        this.domain = domain;
        this.pictures = pictures;
        this.side = side;
    }

    @Override
    public List<Sourced> images(ShapeEmoji shape, int count, long seed) throws IOException {
        EmojiPicture picture = pictures.get(shape);
        if (picture == null) {
            throw new IOException("domain " + domain + " has no picture of the " + shape.describe() + " emoji");
        }
        List<Sourced> images = new ArrayList<>(count);
        for (int variant = 0; variant < count; variant++) {
            SplittableRandom random = randomFor(seed, shape, variant);
            images.add(new Sourced(Augmentation.render(picture.artwork(), side, random), shape.describe(), picture.source()));
        }
        return images;
    }

    /** Each variant draws from its own stream, so a larger count keeps the smaller count's images. */
    private SplittableRandom randomFor(long seed, ShapeEmoji shape, int variant) {
        MessageDigest digest = Hashing.sha256();
        digest.update(ByteBuffer.allocate(12).putLong(seed).putInt(variant).array());
        digest.update((domain + "/" + shape.className()).getBytes(StandardCharsets.UTF_8));
        return new SplittableRandom(ByteBuffer.wrap(digest.digest()).getLong());
    }
}
