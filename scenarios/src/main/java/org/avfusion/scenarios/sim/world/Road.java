package org.avfusion.scenarios.sim.world;

/**
 * A road centreline in world ENU metres made of straight and circular pieces joined with continuous heading,
 * and a constant width. Arc length {@code s} runs from 0 at the road's start; outside {@code [0, length]} the
 * road continues straight along its first/last heading, so actors may start before it or drive past its end.
 *
 * <p>Immutable and thread-safe. Methods that write into a caller's array do not allocate.
 */
public final class Road {
    /** Index of x in a pose array written by {@link #poseAt}. */
    public static final int X = 0;
    /** Index of y in a pose array. */
    public static final int Y = 1;
    /** Index of heading (rad, counter-clockwise from +x / east) in a pose array. */
    public static final int HEADING = 2;
    /** Index of signed curvature (1/m, positive turning left) in a pose array. */
    public static final int CURVATURE = 3;

    private static final double STRAIGHT = 1e-12;

    private final double widthMeters;
    private final double[] startS;
    private final double[] lengthMeters;
    private final double[] curvature;
    private final double[] x0;
    private final double[] y0;
    private final double[] heading0;
    private final double[] cosHeading0;
    private final double[] sinHeading0;
    private final double[] arcCenterX;
    private final double[] arcCenterY;
    private final double[] arcStartAngle;
    private final double[] arcChordMidX;
    private final double[] arcChordMidY;
    private final double[] arcHalfChord;
    private final double totalLengthMeters;

    /**
     * @param startXMeters     world x of the start of the centreline
     * @param startYMeters     world y of the start
     * @param startHeadingRad  heading at the start, counter-clockwise from east
     * @param widthMeters      road surface width, > 0
     * @param pieceLengths     length of each piece along the centreline, > 0
     * @param pieceCurvatures  signed curvature of each piece (0 = straight, 1/R turning left, -1/R right)
     */
    public Road(double startXMeters, double startYMeters, double startHeadingRad, double widthMeters,
            double[] pieceLengths, double[] pieceCurvatures) {
        if (!(widthMeters > 0)) {
            throw new IllegalArgumentException("road width must be > 0 m, was " + widthMeters);
        }
        if (pieceLengths.length == 0 || pieceLengths.length != pieceCurvatures.length) {
            throw new IllegalArgumentException("a road needs at least one piece, with one curvature per length");
        }
        int n = pieceLengths.length;
        this.widthMeters = widthMeters;
        startS = new double[n];
        lengthMeters = pieceLengths.clone();
        curvature = pieceCurvatures.clone();
        x0 = new double[n];
        y0 = new double[n];
        heading0 = new double[n];
        cosHeading0 = new double[n];
        sinHeading0 = new double[n];
        arcCenterX = new double[n];
        arcCenterY = new double[n];
        arcStartAngle = new double[n];
        arcChordMidX = new double[n];
        arcChordMidY = new double[n];
        arcHalfChord = new double[n];
        double s = 0;
        double x = startXMeters;
        double y = startYMeters;
        double h = startHeadingRad;
        double[] end = new double[4];
        for (int i = 0; i < n; i++) {
            if (!(lengthMeters[i] > 0) || !Double.isFinite(curvature[i])) {
                throw new IllegalArgumentException("road piece " + i + " needs a length > 0 and a finite curvature, was "
                        + lengthMeters[i] + " m, " + curvature[i] + " 1/m");
            }
            startS[i] = s;
            x0[i] = x;
            y0[i] = y;
            heading0[i] = h;
            cosHeading0[i] = Math.cos(h);
            sinHeading0[i] = Math.sin(h);
            if (Math.abs(curvature[i]) >= STRAIGHT) {
                double r = 1.0 / curvature[i];
                arcCenterX[i] = x - sinHeading0[i] * r;
                arcCenterY[i] = y + cosHeading0[i] * r;
                arcStartAngle[i] = Math.atan2(y - arcCenterY[i], x - arcCenterX[i]);
            }
            advance(x, y, h, curvature[i], lengthMeters[i], end);
            arcChordMidX[i] = (x + end[X]) / 2;
            arcChordMidY[i] = (y + end[Y]) / 2;
            arcHalfChord[i] = Math.hypot(end[X] - x, end[Y] - y) / 2;
            x = end[X];
            y = end[Y];
            h = end[HEADING];
            s += lengthMeters[i];
        }
        totalLengthMeters = s;
    }

    public double widthMeters() {
        return widthMeters;
    }

    public double lengthMeters() {
        return totalLengthMeters;
    }

    /** Writes x, y, heading and curvature of the centreline at arc length {@code sMeters} into {@code out[0..3]}. */
    public void poseAt(double sMeters, double[] out) {
        int last = startS.length - 1;
        if (sMeters < 0) {
            advance(x0[0], y0[0], heading0[0], 0, sMeters, out);
            return;
        }
        if (sMeters > totalLengthMeters) {
            advance(x0[last], y0[last], heading0[last], curvature[last], lengthMeters[last], out);
            advance(out[X], out[Y], out[HEADING], 0, sMeters - totalLengthMeters, out);
            return;
        }
        int i = last;
        while (i > 0 && startS[i] > sMeters) {
            i--;
        }
        advance(x0[i], y0[i], heading0[i], curvature[i], sMeters - startS[i], out);
    }

    /**
     * Signed lateral distance of a world point from the centreline, positive to the left of the driving
     * direction; {@code NaN} when the point is beside no piece (only possible on the outside of a bend's ends).
     */
    public double lateralOffsetMeters(double xMeters, double yMeters) {
        double best = Double.NaN;
        int last = startS.length - 1;
        for (int i = 0; i <= last; i++) {
            double k = curvature[i];
            double along;
            double lateral;
            if (Math.abs(k) < STRAIGHT) {
                double dx = xMeters - x0[i];
                double dy = yMeters - y0[i];
                lateral = -dx * sinHeading0[i] + dy * cosHeading0[i];
                if (!Double.isNaN(best) && !(Math.abs(lateral) < Math.abs(best))) {
                    continue;
                }
                along = dx * cosHeading0[i] + dy * sinHeading0[i];
            } else {
                // the lateral offset is cheap; the angle along the arc (atan2) only matters if it would be the nearest
                double r = 1.0 / k;
                double px = xMeters - arcCenterX[i];
                double py = yMeters - arcCenterY[i];
                double dist = Math.sqrt(px * px + py * py);
                lateral = Math.signum(k) * (Math.abs(r) - dist);
                if (!Double.isNaN(best) && !(Math.abs(lateral) < Math.abs(best))) {
                    continue;
                }
                // an arc of at most 180 degrees lies in the disc on its chord: a point beside it lies within that
                // disc grown by its lateral offset, so anything farther is beside another piece (saves the atan2)
                double mx = xMeters - arcChordMidX[i];
                double my = yMeters - arcChordMidY[i];
                double reach = arcHalfChord[i] + Math.abs(lateral) + 1e-9;
                if (mx * mx + my * my > reach * reach) {
                    continue;
                }
                double angle = Math.IEEEremainder(Math.atan2(py, px) - arcStartAngle[i], 2 * Math.PI);
                along = angle * r;
            }
            boolean before = along < 0 && i > 0;
            boolean after = along > lengthMeters[i] && (i < last || Math.abs(k) >= STRAIGHT);
            if (before || after) {
                continue;
            }
            best = lateral;
        }
        if (Double.isNaN(best) && Math.abs(curvature[last]) >= STRAIGHT) {
            double[] end = new double[4];
            poseAt(totalLengthMeters, end);
            double c = Math.cos(end[HEADING]);
            double s = Math.sin(end[HEADING]);
            double dx = xMeters - end[X];
            double dy = yMeters - end[Y];
            if (dx * c + dy * s >= 0) {
                best = -dx * s + dy * c;
            }
        }
        return best;
    }

    private static void advance(double x, double y, double h, double k, double ds, double[] out) {
        if (Math.abs(k) < STRAIGHT) {
            out[X] = x + ds * Math.cos(h);
            out[Y] = y + ds * Math.sin(h);
            out[HEADING] = h;
        } else {
            double h1 = h + k * ds;
            out[X] = x + (Math.sin(h1) - Math.sin(h)) / k;
            out[Y] = y - (Math.cos(h1) - Math.cos(h)) / k;
            out[HEADING] = h1;
        }
        out[CURVATURE] = k;
    }
}
