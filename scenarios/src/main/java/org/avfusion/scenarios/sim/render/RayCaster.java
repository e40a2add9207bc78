package org.avfusion.scenarios.sim.render;

/**
 * Casts rays against the ground plane {@code z = 0} and a set of {@link OrientedBoxes}.
 *
 * <p>Boxes are hit with the slab test in each box's own frame (Kay and Kajiya, "Ray tracing complex scenes",
 * SIGGRAPH 1986). Because a spinning lidar fires all beams of one column in a single vertical half-plane,
 * {@link #selectColumn} first keeps only the boxes whose bounding cylinder meets that half-plane within range, and
 * {@link #castColumnRay} tests those candidates only. No method allocates.
 *
 * <p>Not thread-safe: keeps the candidate list and the last hit between calls.
 */
public final class RayCaster {
    /** {@link #lastHitBox()} value for a ground hit. */
    public static final int GROUND = -1;
    /** {@link #lastHitBox()} value when nothing was hit in range. */
    public static final int NOTHING = -2;

    private final OrientedBoxes boxes;
    private final int[] candidates;
    private int candidateCount;
    private int lastHit = NOTHING;

    public RayCaster(OrientedBoxes boxes) {
        this.boxes = boxes;
        this.candidates = new int[boxes.cx.length];
    }

    /**
     * Keeps the boxes that can be hit by a ray leaving {@code (ox, oy)} in the vertical half-plane of the
     * horizontal direction {@code (dirX, dirY)} (unit length) within {@code maxRangeMeters}.
     *
     * @return the number of candidates
     */
    public int selectColumn(double ox, double oy, double dirX, double dirY, double maxRangeMeters) {
        int n = 0;
        int count = boxes.size();
        for (int i = 0; i < count; i++) {
            double px = boxes.cx[i] - ox;
            double py = boxes.cy[i] - oy;
            double r = boxes.boundingRadius[i];
            double along = px * dirX + py * dirY;
            if (along < -r || along - r > maxRangeMeters) {
                continue;
            }
            double across = -px * dirY + py * dirX;
            if (Math.abs(across) <= r) {
                candidates[n++] = i;
            }
        }
        candidateCount = n;
        return n;
    }

    /**
     * Distance along a unit ray to the nearest hit among the column's candidates and the ground, or
     * {@code Double.POSITIVE_INFINITY} beyond {@code maxRangeMeters}. The ray must lie in the half-plane given
     * to the last {@link #selectColumn}. See {@link #lastHitBox()} for what was hit.
     */
    public double castColumnRay(double ox, double oy, double oz, double dx, double dy, double dz,
            double maxRangeMeters) {
        double best = groundDistance(oz, dz, maxRangeMeters);
        int hit = best <= maxRangeMeters ? GROUND : NOTHING;
        for (int c = 0; c < candidateCount; c++) {
            int i = candidates[c];
            double t = slab(i, ox, oy, oz, dx, dy, dz, Math.min(best, maxRangeMeters));
            if (t < best) {
                best = t;
                hit = i;
            }
        }
        lastHit = hit;
        return hit == NOTHING ? Double.POSITIVE_INFINITY : best;
    }

    /** Like {@link #castColumnRay} but against every box, for a single ray in any direction. */
    public double castRay(double ox, double oy, double oz, double dx, double dy, double dz, double maxRangeMeters) {
        double best = groundDistance(oz, dz, maxRangeMeters);
        int hit = best <= maxRangeMeters ? GROUND : NOTHING;
        int count = boxes.size();
        for (int i = 0; i < count; i++) {
            double t = slab(i, ox, oy, oz, dx, dy, dz, Math.min(best, maxRangeMeters));
            if (t < best) {
                best = t;
                hit = i;
            }
        }
        lastHit = hit;
        return hit == NOTHING ? Double.POSITIVE_INFINITY : best;
    }

    /** What the last cast hit: a box index, {@link #GROUND} or {@link #NOTHING}. */
    public int lastHitBox() {
        return lastHit;
    }

    private static double groundDistance(double oz, double dz, double maxRangeMeters) {
        if (dz >= 0 || oz <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double t = -oz / dz;
        return t <= maxRangeMeters ? t : Double.POSITIVE_INFINITY;
    }

    /** Entry distance of the ray into box i if in (0, limit], else +infinity. */
    private double slab(int i, double ox, double oy, double oz, double dx, double dy, double dz, double limit) {
        double c = boxes.cosYaw[i];
        double s = boxes.sinYaw[i];
        double px = ox - boxes.cx[i];
        double py = oy - boxes.cy[i];
        double lx = c * px + s * py;
        double ly = -s * px + c * py;
        double lz = oz - boxes.cz[i];
        double ldx = c * dx + s * dy;
        double ldy = -s * dx + c * dy;
        double tNear = 0;
        double tFar = limit;
        double h = boxes.halfLength[i];
        if (Math.abs(ldx) < 1e-15) {
            if (lx < -h || lx > h) {
                return Double.POSITIVE_INFINITY;
            }
        } else {
            double inv = 1.0 / ldx;
            double t1 = (-h - lx) * inv;
            double t2 = (h - lx) * inv;
            tNear = Math.max(tNear, Math.min(t1, t2));
            tFar = Math.min(tFar, Math.max(t1, t2));
        }
        h = boxes.halfWidth[i];
        if (Math.abs(ldy) < 1e-15) {
            if (ly < -h || ly > h) {
                return Double.POSITIVE_INFINITY;
            }
        } else {
            double inv = 1.0 / ldy;
            double t1 = (-h - ly) * inv;
            double t2 = (h - ly) * inv;
            tNear = Math.max(tNear, Math.min(t1, t2));
            tFar = Math.min(tFar, Math.max(t1, t2));
        }
        h = boxes.halfHeight[i];
        if (Math.abs(dz) < 1e-15) {
            if (lz < -h || lz > h) {
                return Double.POSITIVE_INFINITY;
            }
        } else {
            double inv = 1.0 / dz;
            double t1 = (-h - lz) * inv;
            double t2 = (h - lz) * inv;
            tNear = Math.max(tNear, Math.min(t1, t2));
            tFar = Math.min(tFar, Math.max(t1, t2));
        }
        return tNear <= tFar && tNear > 0 ? tNear : Double.POSITIVE_INFINITY;
    }
}
