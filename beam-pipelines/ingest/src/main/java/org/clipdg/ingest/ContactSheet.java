package org.clipdg.ingest;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clipdg.core.ImageCodec;

/**
 * A PNG grid that lets a person see what a dataset holds: one row per class (or per domain when
 * records have no class), the first {@code COLUMNS} samples of each in dataset order.
 */
final class ContactSheet {
    static final int COLUMNS = 8;
    static final int MAX_ROWS = 24;
    private static final int THUMB = 64;
    private static final int GAP = 2;
    private static final int LABEL_WIDTH = 110;

    private final Map<String, List<BufferedImage>> rows = new LinkedHashMap<>();

    /** Offers a sample in dataset order; keeps it only if its row still has room. */
    void offer(String row, BufferedImage image) {
        List<BufferedImage> thumbs = rows.get(row);
        if (thumbs == null) {
            if (rows.size() == MAX_ROWS) {
                return;
            }
            thumbs = new ArrayList<>(COLUMNS);
            rows.put(row, thumbs);
        }
        if (thumbs.size() < COLUMNS) {
            thumbs.add(ImageCodec.resize(image, THUMB, THUMB));
        }
    }

    byte[] renderPng(String title) {
        int width = LABEL_WIDTH + COLUMNS * (THUMB + GAP) + GAP;
        int height = 24 + Math.max(1, rows.size()) * (THUMB + GAP) + GAP;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, 6, 17);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = 24;
        for (Map.Entry<String, List<BufferedImage>> row : rows.entrySet()) {
            g.setColor(Color.BLACK);
            g.drawString(row.getKey(), 6, y + THUMB / 2 + 4);
            int x = LABEL_WIDTH;
            for (BufferedImage thumb : row.getValue()) {
                g.drawImage(thumb, x, y, null);
                x += THUMB + GAP;
            }
            y += THUMB + GAP;
        }
        g.dispose();
        return ImageCodec.encodePng(sheet);
    }
}
