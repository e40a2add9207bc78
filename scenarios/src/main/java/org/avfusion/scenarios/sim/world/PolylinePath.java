package org.avfusion.scenarios.sim.world;

/**
 * A drivable path through a polyline (a route on a street map, in local ENU metres), with the same pose layout as
 * {@link Road#poseAt}: position, heading and curvature by arc length. A street polyline has corners of zero radius;
 * the path smooths them so that heading and curvature (hence the simulated yaw rate) are finite: the polyline is
 * resampled every {@value #STEP_METERS} m and each sample replaced by the mean of the samples within
 * {@code smoothingMeters} of it along the line (endpoints kept), then headings are central differences and curvature
 * the heading's derivative. The smoothed line cuts a 90 degree corner by about {@code smoothingMeters * sqrt(2) / 4}.
 *
 * <p>Immutable, thread-safe.
 */
public final class PolylinePath {
    /** Resampling step along the polyline, metres. */
    public static final double STEP_METERS = 0.5;

    private final double[] x;
    private final double[] y;
    private final double[] heading;
    private final double[] curvature;
    private final double length;

    /**
     * @param xMeters         east coordinates of the polyline's vertices (at least two distinct points)
     * @param yMeters         north coordinates
     * @param smoothingMeters half-width of the moving mean, [0, 50] m (0: no smoothing)
     */
    public PolylinePath(double[] xMeters, double[] yMeters, double smoothingMeters) {
        if (xMeters.length != yMeters.length || xMeters.length < 2) {
            throw new IllegalArgumentException("a path needs two or more points with x and y, had " + xMeters.length
                    + " x and " + yMeters.length + " y");
        }
        if (!(smoothingMeters >= 0 && smoothingMeters <= 50)) {
            throw new IllegalArgumentException("smoothingMeters must be in [0, 50], was " + smoothingMeters);
        }
        double total = 0;
        for (int i = 1; i < xMeters.length; i++) {
            total += Math.hypot(xMeters[i] - xMeters[i - 1], yMeters[i] - yMeters[i - 1]);
        }
        if (!(total > STEP_METERS)) {
            throw new IllegalArgumentException("path of " + total + " m is too short (at least " + STEP_METERS + " m)");
        }
        int n = (int) Math.ceil(total / STEP_METERS) + 1;
        double[] rx = new double[n];
        double[] ry = new double[n];
        int seg = 1;
        double segStart = 0;
        double segLen = Math.hypot(xMeters[1] - xMeters[0], yMeters[1] - yMeters[0]);
        for (int k = 0; k < n; k++) {
            double s = Math.min(total, k * STEP_METERS);
            while (seg < xMeters.length - 1 && s > segStart + segLen) {
                segStart += segLen;
                seg++;
                segLen = Math.hypot(xMeters[seg] - xMeters[seg - 1], yMeters[seg] - yMeters[seg - 1]);
            }
            double t = segLen == 0 ? 0 : Math.max(0, Math.min(1, (s - segStart) / segLen));
            rx[k] = xMeters[seg - 1] + t * (xMeters[seg] - xMeters[seg - 1]);
            ry[k] = yMeters[seg - 1] + t * (yMeters[seg] - yMeters[seg - 1]);
        }
        int w = (int) Math.round(smoothingMeters / STEP_METERS);
        x = new double[n];
        y = new double[n];
        for (int k = 0; k < n; k++) {
            int h = Math.min(w, Math.min(k, n - 1 - k));
            double sx = 0;
            double sy = 0;
            for (int j = k - h; j <= k + h; j++) {
                sx += rx[j];
                sy += ry[j];
            }
            x[k] = sx / (2 * h + 1);
            y[k] = sy / (2 * h + 1);
        }
        heading = new double[n];
        for (int k = 0; k < n; k++) {
            int a = Math.max(0, k - 1);
            int b = Math.min(n - 1, k + 1);
            heading[k] = Math.atan2(y[b] - y[a], x[b] - x[a]);
        }
        curvature = new double[n];
        for (int k = 0; k < n; k++) {
            int a = Math.max(0, k - 1);
            int b = Math.min(n - 1, k + 1);
            double dh = Math.IEEEremainder(heading[b] - heading[a], 2 * Math.PI);
            curvature[k] = b == a ? 0 : dh / ((b - a) * STEP_METERS);
        }
        length = (n - 1) * STEP_METERS;
    }

    /** Length along the (resampled) path, metres. */
    public double lengthMeters() {
        return length;
    }

    /**
     * Writes the pose at arc length {@code sMeters} (clamped to [0, length]) into {@code out}: {@link Road#X},
     * {@link Road#Y}, {@link Road#HEADING} (rad, counter-clockwise from east), {@link Road#CURVATURE} (1/m, left
     * positive).
     */
    public void poseAt(double sMeters, double[] out) {
        double f = Math.max(0, Math.min(length, sMeters)) / STEP_METERS;
        int i = Math.min(x.length - 2, (int) Math.floor(f));
        double t = f - i;
        out[Road.X] = x[i] + t * (x[i + 1] - x[i]);
        out[Road.Y] = y[i] + t * (y[i + 1] - y[i]);
        out[Road.HEADING] = heading[i] + t * Math.IEEEremainder(heading[i + 1] - heading[i], 2 * Math.PI);
        out[Road.CURVATURE] = curvature[i] + t * (curvature[i + 1] - curvature[i]);
    }

    /**
     * Arc length of the path's point nearest to (x, y) among the first {@code maxSMeters} (first of equals): a path
     * that passes the same place twice is matched where it starts.
     */
    public double project(double xMeters, double yMeters, double maxSMeters) {
        double best = Double.POSITIVE_INFINITY;
        double bestS = 0;
        int last = (int) Math.min(x.length - 1, Math.ceil(Math.max(0, maxSMeters) / STEP_METERS) + 1);
        for (int k = 1; k <= last; k++) {
            double ax = x[k - 1];
            double ay = y[k - 1];
            double dx = x[k] - ax;
            double dy = y[k] - ay;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((xMeters - ax) * dx + (yMeters - ay) * dy) / len2));
            double d = Math.hypot(ax + t * dx - xMeters, ay + t * dy - yMeters);
            if (d < best) {
                best = d;
                bestS = (k - 1 + t) * STEP_METERS;
            }
        }
        return bestS;
    }
}
