package org.avfusion.runtime.perceive.lidar;

/**
 * The minimum-area rectangle enclosing a set of 2-D points: the convex hull (Andrew's monotone chain, 1979), then the
 * rectangle flush with each hull edge, keeping the smallest (Freeman and Shapira, "Determining the minimum-area
 * encasing rectangle for an arbitrary closed curve", 1975: the optimum has a side collinear with a hull edge). The
 * same result as JTS's {@code MinimumAreaRectangle}, without allocating: a cluster's box per sweep costs nothing
 * but time.
 *
 * <p>Result of the last {@link #fit}: centre, {@link #lengthMeters} >= {@link #widthMeters}, and {@link #yawRad}, the
 * direction of the length side in {@code (-pi/2, pi/2]}. Degenerate input gives a degenerate rectangle (one point:
 * zero size; collinear points: zero width). Not thread-safe; buffers grow to the largest input.
 */
public final class MinAreaRectangle {
    private double[] px = new double[64];
    private double[] py = new double[64];
    private double[] hx = new double[130];
    private double[] hy = new double[130];
    private double centerX;
    private double centerY;
    private double length;
    private double width;
    private double yaw;
    private int hullSize;

    /** Fits the rectangle to {@code (xs[i], ys[i])} for {@code i} in {@code [0, n)}, n >= 1. */
    public void fit(double[] xs, double[] ys, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a rectangle needs at least one point, got " + n);
        }
        if (px.length < n) {
            px = new double[Math.max(n, px.length * 2)];
            py = new double[px.length];
            hx = new double[2 * px.length + 2];
            hy = new double[hx.length];
        }
        n = n > filterMinPoints ? copyOutsideExtremeQuadrilateral(xs, ys, n) : copy(xs, ys, n);
        sort(px, py, n);
        int h = hull(n);
        hullSize = h;
        if (h == 1) {
            set(hx[0], hy[0], 0, 0, 0);
            return;
        }
        if (h == 2) {
            double dx = hx[1] - hx[0], dy = hy[1] - hy[0];
            set((hx[0] + hx[1]) / 2, (hy[0] + hy[1]) / 2, Math.hypot(dx, dy), 0, Math.atan2(dy, dx));
            return;
        }
        double bestArea = Double.POSITIVE_INFINITY;
        for (int e = 0; e < h; e++) {
            int f = e + 1 == h ? 0 : e + 1;
            double ux = hx[f] - hx[e], uy = hy[f] - hy[e];
            double len = Math.hypot(ux, uy);
            if (len == 0) {
                continue;
            }
            ux /= len;
            uy /= len;
            double minU = Double.POSITIVE_INFINITY, maxU = Double.NEGATIVE_INFINITY;
            double minV = Double.POSITIVE_INFINITY, maxV = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < h; k++) {
                double rx = hx[k] - hx[e], ry = hy[k] - hy[e];
                double u = rx * ux + ry * uy;
                double v = -rx * uy + ry * ux;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            double a = (maxU - minU) * (maxV - minV);
            if (a < bestArea) {
                bestArea = a;
                double cu = (minU + maxU) / 2, cv = (minV + maxV) / 2;
                double cx = hx[e] + cu * ux - cv * uy;
                double cy = hy[e] + cu * uy + cv * ux;
                double du = maxU - minU, dv = maxV - minV;
                if (du >= dv) {
                    set(cx, cy, du, dv, Math.atan2(uy, ux));
                } else {
                    set(cx, cy, dv, du, Math.atan2(ux, -uy));
                }
            }
        }
    }

    /** Below this many points the hull's sort is cheap enough without the interior filter. */
    static final int FILTER_MIN_POINTS = 32;

    private final int filterMinPoints;

    public MinAreaRectangle() {
        this(FILTER_MIN_POINTS);
    }

    /** With the interior filter from {@code filterMinPoints} points up (tests: Integer.MAX_VALUE turns it off). */
    MinAreaRectangle(int filterMinPoints) {
        this.filterMinPoints = filterMinPoints;
    }

    private int copy(double[] xs, double[] ys, int n) {
        System.arraycopy(xs, 0, px, 0, n);
        System.arraycopy(ys, 0, py, 0, n);
        return n;
    }

    /**
     * Copies into px/py only the points that can be hull vertices: not strictly inside the quadrilateral of the
     * extreme points (least x, least y, greatest x, greatest y) by more than a margin far above rounding (Akl and
     * Toussaint, "A fast convex hull algorithm", 1978). A dense cluster keeps a few percent of its points, so the
     * sort before the monotone chain shrinks from thousands of points to tens; the hull is the same.
     *
     * @return the number of points kept
     */
    private int copyOutsideExtremeQuadrilateral(double[] xs, double[] ys, int n) {
        int left = 0, bottom = 0, right = 0, top = 0;
        for (int i = 1; i < n; i++) {
            double x = xs[i], y = ys[i];
            if (x < xs[left]) {
                left = i;
            }
            if (x > xs[right]) {
                right = i;
            }
            if (y < ys[bottom]) {
                bottom = i;
            }
            if (y > ys[top]) {
                top = i;
            }
        }
        double ax = xs[left], ay = ys[left], bx = xs[bottom], by = ys[bottom];
        double cx = xs[right], cy = ys[right], dx = xs[top], dy = ys[top];
        double extent = (cx - ax) + (dy - by);
        // products of coordinate differences up to extent^2 carry a relative rounding error near 1e-16; a point
        // inside by more than 1e-9 of that is inside for any rounding, and cannot be a hull vertex
        double margin = 1e-9 * extent * extent + Double.MIN_NORMAL;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double x = xs[i], y = ys[i];
            boolean inside = (bx - ax) * (y - ay) - (by - ay) * (x - ax) > margin
                    && (cx - bx) * (y - by) - (cy - by) * (x - bx) > margin
                    && (dx - cx) * (y - cy) - (dy - cy) * (x - cx) > margin
                    && (ax - dx) * (y - dy) - (ay - dy) * (x - dx) > margin;
            if (!inside) {
                px[kept] = x;
                py[kept] = y;
                kept++;
            }
        }
        return kept;
    }

    private void set(double cx, double cy, double len, double wid, double dir) {
        centerX = cx;
        centerY = cy;
        length = len;
        width = wid;
        yaw = normalizeHalfTurn(dir);
    }

    /** An angle folded into {@code (-pi/2, pi/2]}: a box's heading is defined up to a half turn. */
    static double normalizeHalfTurn(double a) {
        double r = Math.IEEEremainder(a, Math.PI);
        return r <= -Math.PI / 2 ? r + Math.PI : r;
    }

    /** Monotone chain over the sorted points into hx/hy, counter-clockwise, no repeated or collinear vertices. */
    private int hull(int n) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(k - 2, k - 1, px[i], py[i]) <= 0) {
                k--;
            }
            hx[k] = px[i];
            hy[k] = py[i];
            k++;
        }
        int lower = k + 1;
        for (int i = n - 2; i >= 0; i--) {
            while (k >= lower && cross(k - 2, k - 1, px[i], py[i]) <= 0) {
                k--;
            }
            hx[k] = px[i];
            hy[k] = py[i];
            k++;
        }
        // the last vertex repeats the first; all points equal leaves k == 1 or 2 with duplicates
        int h = Math.max(1, k - 1);
        if (h == 2 && hx[0] == hx[1] && hy[0] == hy[1]) {
            h = 1;
        }
        return h;
    }

    private double cross(int o, int a, double bx, double by) {
        return (hx[a] - hx[o]) * (by - hy[o]) - (hy[a] - hy[o]) * (bx - hx[o]);
    }

    /** Shell sort by (x, y) on parallel arrays: no boxing, no allocation. */
    private static void sort(double[] xs, double[] ys, int n) {
        int gap = 1;
        while (gap < n / 3) {
            gap = 3 * gap + 1;
        }
        for (; gap >= 1; gap /= 3) {
            for (int i = gap; i < n; i++) {
                double x = xs[i], y = ys[i];
                int j = i;
                while (j >= gap && (xs[j - gap] > x || (xs[j - gap] == x && ys[j - gap] > y))) {
                    xs[j] = xs[j - gap];
                    ys[j] = ys[j - gap];
                    j -= gap;
                }
                xs[j] = x;
                ys[j] = y;
            }
        }
    }

    public double centerX() {
        return centerX;
    }

    public double centerY() {
        return centerY;
    }

    public double lengthMeters() {
        return length;
    }

    public double widthMeters() {
        return width;
    }

    public double yawRad() {
        return yaw;
    }

    /** Area of the last rectangle, square metres. */
    public double areaSquareMeters() {
        return length * width;
    }

    /** Vertices of the convex hull of the last input. */
    public int hullSize() {
        return hullSize;
    }
}
