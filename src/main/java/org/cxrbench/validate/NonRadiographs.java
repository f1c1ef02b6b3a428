package org.cxrbench.validate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.cxrbench.data.GreyImage;

/**
 * Procedural images that are not chest radiographs, for the off-topic flaw and for testing the quality filter's
 * "not relevant" verdict. Each family is drawn from a seeded {@link SplittableRandom}; colour images are drawn in
 * RGB and turned grey with ITU-R BT.601 luma (as the decoder does). Families: {@code photo} (sky, ground, buildings
 * and trees), {@code colour} (hue wheels and gradients), {@code fundus} (a retina: bright disc, optic disc, vessel
 * tree), {@code microscopy} (cells on a stained background), {@code document} (a page of text lines),
 * {@code noise} (white and smoothed noise), {@code blank} (flat grey), {@code pattern} (stripes and checkerboards),
 * {@code clouds} (1/f fractal noise); and two families kept out of the judge's tuning, {@link #HELD_OUT}:
 * {@code ultrasound} (a speckled fan-shaped sector on black) and {@code sketch} (line drawings on white).
 */
public final class NonRadiographs {
    private NonRadiographs() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final List<String> FAMILIES = List.of("photo", "colour", "fundus", "microscopy", "document", "noise",
            "blank", "pattern", "clouds");

    /** Families written after the builtin judge was tuned, used only to test it. */
    public static final List<String> HELD_OUT = List.of("ultrasound", "sketch");

    /** Image {@code index} of the family at the given size (the same arguments give the same pixels). */
    public static GreyImage make(String family, int size, long seed, int index) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + index * 7919L + family.hashCode());
        BufferedImage bi = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = bi.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        switch (family) {
            case "photo" -> photo(g, size, rnd);
            case "colour" -> colour(bi, size, rnd);
            case "fundus" -> fundus(g, size, rnd);
            case "microscopy" -> microscopy(g, size, rnd);
            case "document" -> document(g, size, rnd);
            case "noise" -> noise(bi, size, rnd);
            case "blank" -> blank(g, size, rnd);
            case "pattern" -> pattern(g, size, rnd);
            case "clouds" -> clouds(bi, size, rnd);
            case "ultrasound" -> ultrasound(bi, size, rnd);
            case "sketch" -> sketch(g, size, rnd);
            default -> throw new IllegalArgumentException("unknown family " + family + "; one of " + FAMILIES);
        }
        g.dispose();
        return luma(bi);
    }

    /** Image {@code index} of the families in turn. */
    public static GreyImage any(int size, long seed, int index) {
        return make(FAMILIES.get(Math.floorMod(index, FAMILIES.size())), size, seed, index);
    }

    static GreyImage luma(BufferedImage bi) {
        int w = bi.getWidth();
        int h = bi.getHeight();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = bi.getRGB(x, y);
                double r = (rgb >> 16) & 255;
                double gg = (rgb >> 8) & 255;
                double b = rgb & 255;
                out[y * w + x] = (float) ((0.299 * r + 0.587 * gg + 0.114 * b) / 255.0);
            }
        }
        return new GreyImage(w, h, out, 8);
    }

    private static Color rndColour(SplittableRandom rnd) {
        return new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
    }

    private static void photo(Graphics2D g, int s, SplittableRandom rnd) {
        int horizon = (int) (s * (0.35 + 0.3 * rnd.nextDouble()));
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(90 + rnd.nextInt(60), 140 + rnd.nextInt(60), 220),
                0, horizon, new Color(200, 220, 240)));
        g.fillRect(0, 0, s, horizon);
        g.setPaint(new java.awt.GradientPaint(0, horizon, new Color(60 + rnd.nextInt(60), 120 + rnd.nextInt(60), 40),
                0, s, new Color(40, 70, 20)));
        g.fillRect(0, horizon, s, s - horizon);
        int objects = 3 + rnd.nextInt(8);
        for (int i = 0; i < objects; i++) {
            g.setColor(rndColour(rnd));
            int w = s / 12 + rnd.nextInt(s / 4);
            int h = s / 8 + rnd.nextInt(s / 3);
            int x = rnd.nextInt(s);
            if (rnd.nextBoolean()) {
                g.fillRect(x, horizon - h + rnd.nextInt(s / 10 + 1), w, h);
            } else {
                g.fillOval(x, horizon - h, w, h);
            }
        }
        if (rnd.nextBoolean()) {
            g.setColor(new Color(255, 240, 180));
            int r = s / 10 + rnd.nextInt(s / 10);
            g.fillOval(rnd.nextInt(s), rnd.nextInt(Math.max(1, horizon / 2)), r, r);
        }
    }

    private static void colour(BufferedImage bi, int s, SplittableRandom rnd) {
        double cx = s * rnd.nextDouble();
        double cy = s * rnd.nextDouble();
        double turns = 1 + rnd.nextInt(3);
        boolean wheel = rnd.nextBoolean();
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double hue = wheel ? turns * (Math.atan2(y - cy, x - cx) / (2 * Math.PI) + 0.5) : (x + y) * turns / (2.0 * s);
                double sat = wheel ? Math.min(1, Math.hypot(x - cx, y - cy) / (0.5 * s)) : 1;
                bi.setRGB(x, y, Color.HSBtoRGB((float) hue, (float) sat, 1f));
            }
        }
    }

    private static void fundus(Graphics2D g, int s, SplittableRandom rnd) {
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, s, s);
        int m = s / 20;
        g.setPaint(new java.awt.RadialGradientPaint(s / 2f, s / 2f, s / 2f, new float[] {0f, 1f},
                new Color[] {new Color(230, 120 + rnd.nextInt(40), 50), new Color(140, 40, 20)}));
        g.fillOval(m, m, s - 2 * m, s - 2 * m);
        int dx = (int) (s * (0.3 + 0.4 * rnd.nextDouble()));
        int dy = (int) (s * (0.4 + 0.2 * rnd.nextDouble()));
        int dr = s / 8;
        g.setColor(new Color(255, 230, 160));
        g.fillOval(dx - dr / 2, dy - dr / 2, dr, dr);
        g.setColor(new Color(120, 20, 20));
        for (int v = 0; v < 6 + rnd.nextInt(5); v++) {
            vessel(g, dx, dy, rnd.nextDouble() * 2 * Math.PI, s / 5.0, Math.max(1f, s / 80f), 0, rnd);
        }
    }

    private static void vessel(Graphics2D g, double x, double y, double angle, double len, float width, int depth,
                               SplittableRandom rnd) {
        if (depth > 3 || width < 0.5f) {
            return;
        }
        double x2 = x + len * Math.cos(angle);
        double y2 = y + len * Math.sin(angle);
        g.setStroke(new BasicStroke(width));
        g.draw(new java.awt.geom.Line2D.Double(x, y, x2, y2));
        vessel(g, x2, y2, angle + 0.5 * (rnd.nextDouble() - 0.5), len * 0.8, width * 0.75f, depth + 1, rnd);
        if (rnd.nextBoolean()) {
            vessel(g, x2, y2, angle + (rnd.nextBoolean() ? 0.6 : -0.6), len * 0.6, width * 0.6f, depth + 1, rnd);
        }
    }

    private static void microscopy(Graphics2D g, int s, SplittableRandom rnd) {
        boolean dark = rnd.nextBoolean();
        g.setColor(dark ? new Color(10, 10, 20) : new Color(240, 220, 235));
        g.fillRect(0, 0, s, s);
        int cells = 20 + rnd.nextInt(80);
        for (int i = 0; i < cells; i++) {
            int r = s / 30 + rnd.nextInt(s / 12);
            int x = rnd.nextInt(s);
            int y = rnd.nextInt(s);
            g.setColor(dark ? new Color(40 + rnd.nextInt(60), 150 + rnd.nextInt(100), 60 + rnd.nextInt(60))
                    : new Color(180 + rnd.nextInt(60), 80 + rnd.nextInt(60), 160 + rnd.nextInt(80)));
            g.fillOval(x - r, y - r, 2 * r, (int) (2 * r * (0.7 + 0.6 * rnd.nextDouble())));
            g.setColor(dark ? new Color(20, 60, 180) : new Color(80, 20, 120));
            g.fillOval(x - r / 3, y - r / 3, 2 * r / 3, 2 * r / 3);
        }
    }

    private static void document(Graphics2D g, int s, SplittableRandom rnd) {
        g.setColor(new Color(245, 245, 240));
        g.fillRect(0, 0, s, s);
        g.setColor(Color.BLACK);
        int size = Math.max(5, s / (18 + rnd.nextInt(20)));
        g.setFont(new Font(rnd.nextBoolean() ? Font.SERIF : Font.MONOSPACED, Font.PLAIN, size));
        String chars = "abcdefghijklmnopqrstuvwxyz     ";
        for (int y = size + s / 20; y < s - s / 20; y += size + size / 3) {
            StringBuilder b = new StringBuilder();
            int n = 10 + rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                b.append(chars.charAt(rnd.nextInt(chars.length())));
            }
            g.drawString(b.toString(), s / 15, y);
        }
    }

    private static void noise(BufferedImage bi, int s, SplittableRandom rnd) {
        int cell = 1 << rnd.nextInt(4);
        boolean colour = rnd.nextBoolean();
        long base = rnd.nextLong();
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                SplittableRandom c = new SplittableRandom(base + (long) (y / cell) * 65_537L + x / cell);
                int r = c.nextInt(256);
                int gg = colour ? c.nextInt(256) : r;
                int b = colour ? c.nextInt(256) : r;
                bi.setRGB(x, y, new Color(r, gg, b).getRGB());
            }
        }
    }

    private static void blank(Graphics2D g, int s, SplittableRandom rnd) {
        int v = rnd.nextInt(256);
        g.setColor(new Color(v, v, v));
        g.fillRect(0, 0, s, s);
    }

    private static void pattern(Graphics2D g, int s, SplittableRandom rnd) {
        int period = Math.max(2, s / (4 + rnd.nextInt(28)));
        boolean checker = rnd.nextBoolean();
        Color a = rndColour(rnd);
        Color b = rndColour(rnd);
        for (int y = 0; y < s; y += period) {
            for (int x = 0; x < s; x += period) {
                boolean on = checker ? ((x / period + y / period) % 2 == 0) : ((x / period) % 2 == 0);
                g.setColor(on ? a : b);
                g.fillRect(x, y, period, period);
            }
        }
    }

    private static void ultrasound(BufferedImage bi, int s, SplittableRandom rnd) {
        double apexX = s / 2.0;
        double apexY = -s * 0.05 * rnd.nextDouble();
        double half = Math.toRadians(30 + rnd.nextInt(20));
        double r0 = s * 0.1;
        double r1 = s * (0.85 + 0.15 * rnd.nextDouble());
        double gain = 0.5 + 0.5 * rnd.nextDouble();
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double dx = x - apexX;
                double dy = y - apexY;
                double r = Math.hypot(dx, dy);
                double a = Math.atan2(dx, dy);
                int v = 0;
                if (Math.abs(a) < half && r > r0 && r < r1) {
                    double speckle = -Math.log(1 - rnd.nextDouble()); // Rayleigh-like intensity
                    double depth = Math.exp(-1.5 * (r - r0) / (r1 - r0));
                    v = (int) Math.min(255, 90 * gain * speckle * depth + 10);
                }
                bi.setRGB(x, y, new Color(v, v, v).getRGB());
            }
        }
    }

    private static void sketch(Graphics2D g, int s, SplittableRandom rnd) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, s, s);
        g.setColor(new Color(20, 20, 20));
        int strokes = 5 + rnd.nextInt(20);
        for (int i = 0; i < strokes; i++) {
            g.setStroke(new BasicStroke(1 + rnd.nextInt(Math.max(1, s / 64))));
            int x = rnd.nextInt(s);
            int y = rnd.nextInt(s);
            int w = s / 10 + rnd.nextInt(s / 3);
            int h = s / 10 + rnd.nextInt(s / 3);
            switch (rnd.nextInt(3)) {
                case 0 -> g.drawOval(x - w / 2, y - h / 2, w, h);
                case 1 -> g.drawRect(x - w / 2, y - h / 2, w, h);
                default -> g.drawLine(x, y, x + w - s / 5, y + h - s / 5);
            }
        }
    }

    /** 1/f noise: octaves of bilinearly interpolated random grids, amplitude halving per octave. */
    private static void clouds(BufferedImage bi, int s, SplittableRandom rnd) {
        double[] v = new double[s * s];
        double amp = 1;
        for (int grid = 2; grid <= s; grid *= 2, amp /= 2) {
            double[] pts = new double[(grid + 1) * (grid + 1)];
            for (int i = 0; i < pts.length; i++) {
                pts[i] = rnd.nextDouble();
            }
            for (int y = 0; y < s; y++) {
                double gy = (double) y * grid / s;
                int y0 = (int) gy;
                double fy = gy - y0;
                for (int x = 0; x < s; x++) {
                    double gx = (double) x * grid / s;
                    int x0 = (int) gx;
                    double fx = gx - x0;
                    double t = pts[y0 * (grid + 1) + x0] * (1 - fx) + pts[y0 * (grid + 1) + x0 + 1] * fx;
                    double u = pts[(y0 + 1) * (grid + 1) + x0] * (1 - fx) + pts[(y0 + 1) * (grid + 1) + x0 + 1] * fx;
                    v[y * s + x] += amp * (t * (1 - fy) + u * fy);
                }
            }
        }
        double lo = java.util.Arrays.stream(v).min().orElse(0);
        double hi = java.util.Arrays.stream(v).max().orElse(1);
        Color tint = rndColour(rnd);
        for (int i = 0; i < v.length; i++) {
            double t = (v[i] - lo) / Math.max(1e-9, hi - lo);
            bi.setRGB(i % s, i / s, new Color((int) (t * tint.getRed()), (int) (t * 255), (int) (t * tint.getBlue())).getRGB());
        }
    }
}
