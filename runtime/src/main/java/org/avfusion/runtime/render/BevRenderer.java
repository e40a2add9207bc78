package org.avfusion.runtime.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Draws a {@link BevScene} into a {@code widthPixels x heightPixels} RGB image: the grid (unknown dark, free a little
 * lighter, occupied light grey), the corridor (translucent blue outline), obstacles (filled orange), tracks (cyan dot,
 * id label, velocity arrow of one second's travel), the ego (white box at the bottom centre), a banner across the top
 * (red STOP, amber SLOW, green PROCEED) with the reason, and the camera image with detection boxes as an inset at the
 * top right. Where each thing lands is {@link #toPixelX}/{@link #toPixelY}, so tests can check pixels.
 *
 * <p>Not thread-safe (one per rendering thread); stateless apart from its geometry.
 */
public final class BevRenderer {
    public static final Color STOP = new Color(220, 30, 30);
    public static final Color SLOW = new Color(240, 170, 0);
    public static final Color PROCEED = new Color(30, 160, 60);
    public static final Color OBSTACLE = new Color(255, 140, 0);
    public static final Color TRACK = new Color(0, 220, 230);
    public static final Color BACKGROUND = new Color(18, 18, 24);
    public static final int BANNER_PIXELS = 56;

    private final int width;
    private final int height;
    private final double metersPerPixel;
    private final double egoRowPixels;

    /**
     * @param metersPerPixel scale, e.g. 0.1 (an 800-pixel-high view then shows 60 m ahead, 20 m behind)
     */
    public BevRenderer(int widthPixels, int heightPixels, double metersPerPixel) {
        if (widthPixels < 64 || heightPixels < 64 || widthPixels % 2 != 0 || heightPixels % 2 != 0) {
            throw new IllegalArgumentException("image must be even and at least 64x64, was " + widthPixels + "x"
                    + heightPixels);
        }
        if (!(metersPerPixel > 0 && metersPerPixel <= 10)) {
            throw new IllegalArgumentException("metersPerPixel must be in (0, 10], was " + metersPerPixel);
        }
        this.width = widthPixels;
        this.height = heightPixels;
        this.metersPerPixel = metersPerPixel;
        this.egoRowPixels = heightPixels * 0.8;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Image column of base_link point (x, y): left of the ego (y > 0) is left in the image. */
    public double toPixelX(double xMeters, double yMeters) {
        return width / 2.0 - yMeters / metersPerPixel;
    }

    /** Image row of base_link point (x, y): forward is up. */
    public double toPixelY(double xMeters, double yMeters) {
        return egoRowPixels - xMeters / metersPerPixel;
    }

    /** Banner colour of a decision kind. */
    public static Color bannerColor(String kind) {
        return switch (kind) {
            case "STOP" -> STOP;
            case "SLOW" -> SLOW;
            default -> PROCEED;
        };
    }

    /** A new image of the scene. */
    public BufferedImage render(BevScene scene) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            if (scene.grid() != null) {
                drawGrid(g, scene.grid());
            }
            drawRings(g);
            if (scene.corridor() != null) {
                drawCorridor(g, scene.corridor());
            }
            for (BevScene.Box b : scene.obstacles()) {
                drawBox(g, b);
            }
            for (BevScene.Track t : scene.tracks()) {
                drawTrack(g, t);
            }
            drawEgo(g);
            if (scene.camera() != null) {
                drawInset(g, scene.camera(), scene);
            }
            drawBanner(g, scene);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawGrid(Graphics2D g, BevScene.Grid grid) {
        double cell = grid.cellSizeMeters();
        int px = Math.max(1, (int) Math.ceil(cell / metersPerPixel));
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                int v = grid.logOddsX10()[r * grid.cols() + c];
                if (v == 0) {
                    continue;
                }
                double x = grid.minXMeters() + (c + 1) * cell; // the cell's forward edge: its top in the image
                double y = grid.minYMeters() + (r + 1) * cell; // its left edge
                int shade = v > 0 ? 90 + Math.min(127, v) : 30;
                g.setColor(new Color(shade, shade, shade));
                g.fillRect((int) Math.round(toPixelX(x, y)), (int) Math.round(toPixelY(x, y)), px, px);
            }
        }
    }

    private void drawRings(Graphics2D g) {
        g.setColor(new Color(60, 60, 70));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int m = 10; m <= 60; m += 10) {
            int y = (int) Math.round(toPixelY(m, 0));
            if (y < BANNER_PIXELS) {
                break;
            }
            g.drawLine(0, y, 12, y);
            g.drawString(m + " m", 14, y + 4);
        }
    }

    private void drawCorridor(Graphics2D g, BevScene.Corridor c) {
        int steps = 40;
        Polygon p = new Polygon();
        double k = c.curvaturePerMeter();
        for (int side = -1; side <= 1; side += 2) {
            for (int i = 0; i <= steps; i++) {
                double s = c.lengthMeters() * (side < 0 ? i : steps - i) / steps;
                double heading = k * s;
                double cx = Math.abs(k) < 1e-9 ? s : Math.sin(heading) / k;
                double cy = Math.abs(k) < 1e-9 ? 0 : (1 - Math.cos(heading)) / k;
                double nx = -Math.sin(heading);
                double ny = Math.cos(heading);
                double x = c.startXMeters() + cx + side * c.halfWidthMeters() * nx;
                double y = cy + side * c.halfWidthMeters() * ny;
                p.addPoint((int) Math.round(toPixelX(x, y)), (int) Math.round(toPixelY(x, y)));
            }
        }
        g.setColor(new Color(60, 120, 255, 50));
        g.fillPolygon(p);
        g.setColor(new Color(90, 150, 255));
        g.setStroke(new BasicStroke(2f));
        g.drawPolygon(p);
    }

    private void drawBox(Graphics2D g, BevScene.Box b) {
        double x0 = b.xMeters() + b.lengthMeters() / 2;
        double y0 = b.yMeters() + b.widthMeters() / 2;
        int left = (int) Math.round(toPixelX(x0, y0));
        int top = (int) Math.round(toPixelY(x0, y0));
        int w = Math.max(4, (int) Math.round(b.widthMeters() / metersPerPixel));
        int h = Math.max(4, (int) Math.round(b.lengthMeters() / metersPerPixel));
        g.setColor(OBSTACLE);
        g.fillRect(left, top, w, h);
    }

    private void drawTrack(Graphics2D g, BevScene.Track t) {
        int x = (int) Math.round(toPixelX(t.xMeters(), t.yMeters()));
        int y = (int) Math.round(toPixelY(t.xMeters(), t.yMeters()));
        g.setColor(TRACK);
        g.fillOval(x - 4, y - 4, 8, 8);
        double ex = toPixelX(t.xMeters() + t.vxMetersPerSecond(), t.yMeters() + t.vyMetersPerSecond());
        double ey = toPixelY(t.xMeters() + t.vxMetersPerSecond(), t.yMeters() + t.vyMetersPerSecond());
        g.setStroke(new BasicStroke(2f));
        g.drawLine(x, y, (int) Math.round(ex), (int) Math.round(ey));
        double angle = Math.atan2(ey - y, ex - x);
        AffineTransform saved = g.getTransform();
        g.translate(ex, ey);
        g.rotate(angle);
        g.fillPolygon(new int[] {0, -8, -8}, new int[] {0, -4, 4}, 3);
        g.setTransform(saved);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString("#" + t.id(), x + 6, y - 6);
    }

    private void drawEgo(Graphics2D g) {
        int w = (int) Math.round(1.9 / metersPerPixel);
        int h = (int) Math.round(4.6 / metersPerPixel);
        int x = (int) Math.round(toPixelX(0, 0)) - w / 2;
        int y = (int) Math.round(toPixelY(3.6, 0));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2f));
        g.drawRect(x, y, w, h);
    }

    private void drawInset(Graphics2D g, BufferedImage camera, BevScene scene) {
        int w = width * 2 / 5;
        int h = (int) Math.round((double) camera.getHeight() * w / camera.getWidth());
        int x = width - w - 8;
        int y = BANNER_PIXELS + 8;
        g.drawImage(camera, x, y, w, h, null);
        double sx = (double) w / camera.getWidth();
        double sy = (double) h / camera.getHeight();
        g.setStroke(new BasicStroke(2f));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (BevScene.Detection d : scene.detections()) {
            g.setColor(new Color(0, 255, 80));
            g.drawRect(x + (int) (d.x1() * sx), y + (int) (d.y1() * sy), (int) ((d.x2() - d.x1()) * sx),
                    (int) ((d.y2() - d.y1()) * sy));
            g.drawString(d.label(), x + (int) (d.x1() * sx), y + (int) (d.y1() * sy) - 2);
        }
        g.setColor(Color.LIGHT_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, w, h);
    }

    private void drawBanner(Graphics2D g, BevScene scene) {
        g.setColor(bannerColor(scene.decisionKind()));
        g.fillRect(0, 0, width, BANNER_PIXELS);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
        g.drawString(scene.decisionKind(), 12, 38);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        String detail = scene.reason() + (Double.isNaN(scene.obstacleMeters()) ? ""
                : String.format("  obstacle %.1f m", scene.obstacleMeters()))
                + (Double.isNaN(scene.speedMetersPerSecond()) ? ""
                : String.format("  %.1f m/s", scene.speedMetersPerSecond()))
                + String.format("  t=%.2f s", scene.stampNanos() / 1e9);
        int after = 12 + g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 28)).stringWidth(scene.decisionKind());
        g.drawString(detail, after + 16, 35);
    }
}
