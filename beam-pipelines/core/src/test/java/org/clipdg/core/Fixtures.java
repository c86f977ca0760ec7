package org.clipdg.core;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builders for good and bad inputs, shared by every module's tests (core test-jar). */
public final class Fixtures {
    private Fixtures() {}

    public static BufferedImage image(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] png(Color color) {
        return encode(image(32, 24, color), "png");
    }

    public static byte[] jpeg(Color color) {
        return encode(image(32, 24, color), "jpg");
    }

    /** The first {@code fraction} of a valid file: what a killed download leaves. */
    public static byte[] truncated(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a tar with the given member names and contents, in order. */
    public static Path tar(Path file, List<Map.Entry<String, byte[]>> members) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> member : members) {
                TarArchiveEntry entry = new TarArchiveEntry(member.getKey());
                entry.setSize(member.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(member.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /** Cuts a tar a few bytes into the content of {@code member}: a transfer killed mid-file. */
    public static void cutInside(Path tar, String member) throws IOException {
        byte[] bytes = Files.readAllBytes(tar);
        byte[] name = utf8(member);
        for (int offset = 0; offset + 512 <= bytes.length; offset += 512) {
            if (Arrays.equals(bytes, offset, offset + name.length, name, 0, name.length) && bytes[offset + name.length] == 0) {
                Files.write(tar, Arrays.copyOf(bytes, offset + 512 + 10));
                return;
            }
        }
        throw new IllegalArgumentException(member + " not found in " + tar);
    }

    /** Tar members in order, from (name, content) pairs; content is bytes or a UTF-8 string. Names may repeat. */
    public static List<Map.Entry<String, byte[]>> members(Object... nameThenContent) {
        List<Map.Entry<String, byte[]>> members = new ArrayList<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Object content = nameThenContent[i + 1];
            members.add(Map.entry((String) nameThenContent[i], content instanceof String s ? utf8(s) : (byte[]) content));
        }
        return members;
    }
}
