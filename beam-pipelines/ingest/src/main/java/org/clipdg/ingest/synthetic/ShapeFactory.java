package org.clipdg.ingest.synthetic;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.SplittableRandom;

/**
 * Class geometry in unit coordinates (y down, about [-0.5, 0.5]^2, centred on the bounding box).
 * Every domain draws the same shape for the same factors; only the appearance differs.
 */
final class ShapeFactory {

    private ShapeFactory() {}

    static Shape unit(String className, SplittableRandom rng) {
        Shape raw = switch (className) {
            case "circle" -> circle(rng);
            case "square" -> square(rng);
            case "triangle" -> triangle(rng);
            case "star" -> star(rng);
            case "hexagon" -> regularPolygon(6, 0.5, 0);
            case "octagon" -> regularPolygon(8, 0.5, Math.PI / 8);
            case "moon" -> moon(rng);
            case "lightning" -> lightning(rng);
            case "diamond" -> diamond(rng);
            case "cloud" -> cloud(rng);
            default -> throw new IllegalArgumentException("unknown class '" + className + "'");
        };
        Rectangle2D b = raw.getBounds2D();
        return AffineTransform.getTranslateInstance(-b.getCenterX(), -b.getCenterY()).createTransformedShape(raw);
    }

    /**
     * Largest rotation in degrees either way. Kept small where rotation would merge classes
     * (a square turned 45 degrees is a diamond) and capped there even under distribution shift.
     */
    static double maxRotationDeg(String className, double shift) {
        return switch (className) {
            case "circle" -> 180;
            case "square" -> Math.min(15, 11 * (1 + shift));
            case "triangle" -> 15 * (1 + shift);
            case "star" -> 36;
            case "hexagon" -> 30;
            case "octagon" -> 22.5;
            case "moon" -> 35 * (1 + shift);
            case "lightning" -> 14 * (1 + shift);
            case "diamond" -> Math.min(10, 7 * (1 + shift));
            case "cloud" -> 6 * (1 + shift);
            default -> throw new IllegalArgumentException("unknown class '" + className + "'");
        };
    }

    private static Shape circle(SplittableRandom rng) {
        double r = 0.47;
        double aspect = Pixels.uniform(rng, 0.96, 1.04);
        return new Ellipse2D.Double(-r * aspect, -r / aspect, 2 * r * aspect, 2 * r / aspect);
    }

    private static Shape square(SplittableRandom rng) {
        double side = Pixels.uniform(rng, 0.74, 0.8);
        return new Rectangle2D.Double(-side / 2, -side / 2, side, side);
    }

    private static Shape triangle(SplittableRandom rng) {
        double r = 0.56;
        double squash = Pixels.uniform(rng, 0.92, 1.06);
        Path2D.Double p = new Path2D.Double();
        for (int k = 0; k < 3; k++) {
            double a = -Math.PI / 2 + k * 2 * Math.PI / 3;
            point(p, k, r * Math.cos(a), r * Math.sin(a) * squash);
        }
        p.closePath();
        return p;
    }

    private static Shape star(SplittableRandom rng) {
        double outer = 0.53;
        double inner = outer * Pixels.uniform(rng, 0.38, 0.46);
        Path2D.Double p = new Path2D.Double();
        for (int k = 0; k < 10; k++) {
            double a = -Math.PI / 2 + k * Math.PI / 5;
            double r = k % 2 == 0 ? outer : inner;
            point(p, k, r * Math.cos(a), r * Math.sin(a));
        }
        p.closePath();
        return p;
    }

    private static Shape regularPolygon(int sides, double r, double phase) {
        Path2D.Double p = new Path2D.Double();
        for (int k = 0; k < sides; k++) {
            double a = phase + k * 2 * Math.PI / sides;
            point(p, k, r * Math.cos(a), r * Math.sin(a));
        }
        p.closePath();
        return p;
    }

    /** Circle minus an offset circle; opens to the right before rotation. */
    private static Shape moon(SplittableRandom rng) {
        double r = 0.5;
        double cut = r * Pixels.uniform(rng, 0.82, 0.9);
        double offset = r * Pixels.uniform(rng, 0.5, 0.62);
        Area a = new Area(new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
        a.subtract(new Area(new Ellipse2D.Double(offset - cut, -cut - 0.08 * r, 2 * cut, 2 * cut)));
        return a;
    }

    private static Shape lightning(SplittableRandom rng) {
        double[][] bolt = {
            {-0.02, -0.5}, {0.28, -0.5}, {0.06, -0.08}, {0.26, -0.08},
            {-0.22, 0.5}, {-0.04, 0.04}, {-0.24, 0.04},
        };
        double widen = Pixels.uniform(rng, 1.05, 1.25);
        Path2D.Double p = new Path2D.Double();
        for (int k = 0; k < bolt.length; k++) {
            point(p, k, bolt[k][0] * widen + Pixels.uniform(rng, -0.02, 0.02),
                    bolt[k][1] + Pixels.uniform(rng, -0.02, 0.02));
        }
        p.closePath();
        return p;
    }

    /** A rhombus about 1.4 times taller than wide, so it never reads as a turned square. */
    private static Shape diamond(SplittableRandom rng) {
        double halfHeight = 0.5;
        double halfWidth = halfHeight / Pixels.uniform(rng, 1.32, 1.48);
        Path2D.Double p = new Path2D.Double();
        point(p, 0, 0, -halfHeight);
        point(p, 1, halfWidth, 0);
        point(p, 2, 0, halfHeight);
        point(p, 3, -halfWidth, 0);
        p.closePath();
        return p;
    }

    /** Bumps of a few circles on a rounded slab, which gives the flat-ish bottom. */
    private static Shape cloud(SplittableRandom rng) {
        Area a = new Area(new RoundRectangle2D.Double(-0.5, 0.0, 1.0, 0.24, 0.24, 0.24));
        double[][] bumps = {{-0.3, 0.04, 0.2}, {-0.06, -0.07, 0.28}, {0.24, 0.0, 0.22}};
        for (double[] b : bumps) {
            double r = b[2] * Pixels.uniform(rng, 0.9, 1.1);
            double x = b[0] + Pixels.uniform(rng, -0.03, 0.03);
            a.add(new Area(new Ellipse2D.Double(x - r, b[1] - r, 2 * r, 2 * r)));
        }
        return a;
    }

    private static void point(Path2D.Double p, int k, double x, double y) {
        if (k == 0) {
            p.moveTo(x, y);
        } else {
            p.lineTo(x, y);
        }
    }
}
