package org.clipdg.ingest.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;

/** The {@code sketch} domain: a pencil drawing of the scene's outline on paper, no colour. */
final class PencilSketch {

    private PencilSketch() {}

    /** Off-white grainy paper, optional hatching, several jittered pencil passes over the outline. */
    static int[] render(Scene s, SplittableRandom rng, SortedMap<String, String> factors) {
        int n = s.size();
        double u = s.unit();
        double white = Pixels.uniform(rng, 240, 250);
        float[] fibre = Textures.valueNoise(rng, n, Math.max(2, n / 4), Math.max(2, n / 4));
        int[] px = new int[n * n];
        for (int i = 0; i < px.length; i++) {
            double v = white + fibre[i] * 3 + rng.nextGaussian() * 2;
            px[i] = Pixels.rgb(v, v - 3, v - 11);
        }
        Graphics2D g = Pixels.graphics(Pixels.wrap(px, n));
        boolean hatching = rng.nextDouble() < 0.5;
        if (hatching) {
            hatch(g, s, rng);
        }
        int strokes = 2 + rng.nextInt(3);
        List<double[]> loops = outline(s.shape(), 1.5 * u);
        for (int k = 0; k < strokes; k++) {
            int grey = 40 + rng.nextInt(56);
            g.setColor(new Color(grey, grey, grey, 140 + rng.nextInt(80)));
            g.setStroke(new BasicStroke((float) (Pixels.uniform(rng, 0.7, 1.1) * u),
                    BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (double[] loop : loops) {
                g.draw(pencilPass(loop, s.shape().getBounds2D(), u, rng));
            }
        }
        g.dispose();
        factors.put("sketch_strokes", Integer.toString(strokes));
        factors.put("hatching", Boolean.toString(hatching));
        return px;
    }

    private static void hatch(Graphics2D g, Scene s, SplittableRandom rng) {
        double u = s.unit();
        double angle = Math.toRadians(Pixels.uniform(rng, 35, 55)) + (rng.nextBoolean() ? 0 : Math.PI / 2);
        double spacing = Pixels.uniform(rng, 2.6, 3.4) * u;
        g.setClip(s.shape());
        g.setColor(new Color(110, 110, 110, 90));
        g.setStroke(new BasicStroke((float) (0.6 * u)));
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        double n = s.size();
        for (double t = -n; t <= n; t += spacing) {
            double ox = n / 2 - dy * t;
            double oy = n / 2 + dx * t;
            g.draw(new Line2D.Double(ox - dx * n, oy - dy * n, ox + dx * n, oy + dy * n));
        }
        g.setClip(null);
    }

    /** Closed outlines of {@code shape} as x,y arrays with points about {@code spacing} apart. */
    private static List<double[]> outline(Shape shape, double spacing) {
        List<double[]> loops = new ArrayList<>();
        List<Double> current = new ArrayList<>();
        double[] seg = new double[6];
        for (PathIterator it = shape.getPathIterator(null, 0.1); !it.isDone(); it.next()) {
            int type = it.currentSegment(seg);
            if (type == PathIterator.SEG_MOVETO && !current.isEmpty()) {
                loops.add(resample(current, spacing));
                current.clear();
            }
            if (type == PathIterator.SEG_MOVETO || type == PathIterator.SEG_LINETO) {
                current.add(seg[0]);
                current.add(seg[1]);
            }
        }
        if (!current.isEmpty()) {
            loops.add(resample(current, spacing));
        }
        return loops;
    }

    private static double[] resample(List<Double> xy, double spacing) {
        List<Double> out = new ArrayList<>();
        int m = xy.size() / 2;
        for (int k = 0; k < m; k++) {
            double x0 = xy.get(2 * k);
            double y0 = xy.get(2 * k + 1);
            double x1 = xy.get(2 * ((k + 1) % m));
            double y1 = xy.get(2 * ((k + 1) % m) + 1);
            int parts = Math.max(1, (int) Math.ceil(Math.hypot(x1 - x0, y1 - y0) / spacing));
            for (int p = 0; p < parts; p++) {
                out.add(x0 + (x1 - x0) * p / parts);
                out.add(y0 + (y1 - y0) * p / parts);
            }
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    /**
     * One hand-drawn pass around a closed loop: slightly moved, turned and scaled, with a slow
     * wobble, starting anywhere and stopping a little short of or past the start.
     */
    private static Shape pencilPass(double[] loop, Rectangle2D bounds, double u, SplittableRandom rng) {
        AffineTransform t = new AffineTransform();
        t.translate(bounds.getCenterX() + rng.nextGaussian() * 0.5 * u,
                bounds.getCenterY() + rng.nextGaussian() * 0.5 * u);
        t.rotate(Math.toRadians(Pixels.uniform(rng, -1.5, 1.5)));
        t.scale(Pixels.uniform(rng, 0.97, 1.03), Pixels.uniform(rng, 0.97, 1.03));
        t.translate(-bounds.getCenterX(), -bounds.getCenterY());
        int m = loop.length / 2;
        int start = rng.nextInt(m);
        int count = (int) Math.round(m * Pixels.uniform(rng, 0.94, 1.08));
        double amplitude = 0.4 * u;
        double freq = 2 + rng.nextInt(4);
        double phaseX = rng.nextDouble();
        double phaseY = rng.nextDouble();
        double[] p = new double[2];
        Path2D.Double path = new Path2D.Double();
        for (int k = 0; k <= count; k++) {
            int j = (start + k) % m;
            double along = (double) k / m;
            p[0] = loop[2 * j] + amplitude * Math.sin(2 * Math.PI * (freq * along + phaseX));
            p[1] = loop[2 * j + 1] + amplitude * Math.sin(2 * Math.PI * (freq * along + phaseY));
            t.transform(p, 0, p, 0, 1);
            if (k == 0) {
                path.moveTo(p[0], p[1]);
            } else {
                path.lineTo(p[0], p[1]);
            }
        }
        return path;
    }
}
