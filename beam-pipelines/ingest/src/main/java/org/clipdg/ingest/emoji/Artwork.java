package org.clipdg.ingest.emoji;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.renderer.NullPlatformSupport;
import com.github.weisj.jsvg.view.ViewBox;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** An emoji picture that paints itself, transparent around it, into the square from (0, 0) to (side, side). */
@FunctionalInterface
interface Artwork {

    void paint(Graphics2D g, double side);

    /** A vector picture, rendered by JSVG at whatever size it is painted. */
    static Artwork svg(String svg) throws IOException {
        SVGDocument document = new SVGLoader().load(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)), null,
                LoaderContext.createDefault());
        if (document == null) {
            throw new IOException("JSVG cannot parse the SVG " + svg.substring(0, Math.min(200, svg.length())));
        }
        return (g, side) -> document.renderWithPlatform(NullPlatformSupport.INSTANCE, g,
                new ViewBox(0, 0, (float) side, (float) side));
    }

    /** A bitmap with alpha, stretched to the square with bicubic interpolation. */
    static Artwork bitmap(BufferedImage image) {
        return (g, side) -> {
            Graphics2D scaled = (Graphics2D) g.create();
            scaled.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            scaled.drawImage(image, AffineTransform.getScaleInstance(side / image.getWidth(), side / image.getHeight()), null);
            scaled.dispose();
        };
    }
}
