package org.clipdg.report.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.clipdg.core.AtomicFiles;
import org.jfree.svg.SVGGraphics2D;

/** Renders figures to PNG and SVG files, each committed by rename. */
public final class FigureFiles {
    private FigureFiles() {}

    /** Writes {@code dir/<name>.png} and {@code dir/<name>.svg}; returns the SVG for inlining. */
    public static String write(Figure figure, Path dir) throws IOException {
        Files.createDirectories(dir);
        Rectangle area = new Rectangle(figure.width(), figure.height());
        BufferedImage image = new BufferedImage(figure.width(), figure.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D png = image.createGraphics();
        png.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        png.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        png.setColor(Color.WHITE);
        png.fill(area);
        figure.drawing().draw(png, area);
        png.dispose();
        AtomicFiles.write(dir.resolve(figure.name() + ".png"), out -> ImageIO.write(image, "png", out));
        SVGGraphics2D svg = new SVGGraphics2D(figure.width(), figure.height());
        // Unique ids, so several SVGs can share one HTML page.
        svg.setDefsKeyPrefix(figure.name() + "-");
        figure.drawing().draw(svg, area);
        String element = svg.getSVGElement(figure.name());
        AtomicFiles.writeString(dir.resolve(figure.name() + ".svg"), svg.getSVGDocument());
        return element;
    }
}
