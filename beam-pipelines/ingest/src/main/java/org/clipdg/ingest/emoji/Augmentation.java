package org.clipdg.ingest.emoji;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.SplittableRandom;
import org.clipdg.core.ImageCodec;
import org.clipdg.ingest.synthetic.Pixels;

/**
 * One random variant of an emoji picture: its size, a small tilt and its position, a light
 * two-colour gradient behind it, sometimes a slight blur, and a little pixel noise.
 */
final class Augmentation {
    /** Painted this many times larger, then shrunk with an anti-aliasing filter: smooth edges at 64 px. */
    private static final int SUPERSAMPLING = 4;
    private static final double MAX_TILT_DEGREES = 15;
    /** The bounding box of a square tilted by up to 15 degrees is cos 15 + sin 15 = 1.23 times its side. */
    private static final double TILTED_EXTENT = 1.23;
    private static final double BLUR_PROBABILITY = 0.3;
    private static final ConvolveOp BLUR = new ConvolveOp(new Kernel(3, 3, new float[] {
            1 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 4 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 1 / 16f}), ConvolveOp.EDGE_NO_OP, null);

    private Augmentation() {}

    static BufferedImage render(Artwork artwork, int side, SplittableRandom random) {
        int canvasSide = side * SUPERSAMPLING;
        BufferedImage canvas = new BufferedImage(canvasSide, canvasSide, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setPaint(background(random, canvasSide));
        g.fillRect(0, 0, canvasSide, canvasSide);

        double size = uniform(random, 0.5, 0.8) * canvasSide;
        double tilt = Math.toRadians(uniform(random, -MAX_TILT_DEGREES, MAX_TILT_DEGREES));
        double slack = Math.max(0, (canvasSide - TILTED_EXTENT * size) / 2);
        double centreX = canvasSide / 2.0 + uniform(random, -slack, slack);
        double centreY = canvasSide / 2.0 + uniform(random, -slack, slack);
        g.translate(centreX, centreY);
        g.rotate(tilt);
        g.translate(-size / 2, -size / 2);
        artwork.paint(g, size);
        g.dispose();

        BufferedImage image = ImageCodec.resize(canvas, side, side);
        if (random.nextDouble() < BLUR_PROBABILITY) {
            image = BLUR.filter(image, null);
        }
        int[] pixels = ImageCodec.rgbPixels(image);
        Pixels.addNoise(pixels, random, uniform(random, 0, 5));
        return Pixels.wrap(pixels, side);
    }

    /** A gradient between two light colours, in a random direction. */
    private static GradientPaint background(SplittableRandom random, int side) {
        Color from = lightColour(random);
        Color to = lightColour(random);
        double angle = uniform(random, 0, 2 * Math.PI);
        float dx = (float) (Math.cos(angle) * side / 2);
        float dy = (float) (Math.sin(angle) * side / 2);
        float centre = side / 2f;
        return new GradientPaint(centre - dx, centre - dy, from, centre + dx, centre + dy, to);
    }

    private static Color lightColour(SplittableRandom random) {
        return Color.getHSBColor((float) random.nextDouble(), (float) uniform(random, 0.04, 0.3), (float) uniform(random, 0.86, 1));
    }

    private static double uniform(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
