package org.avfusion.runtime.perceive;

import java.util.Objects;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.perceive.lidar.PolarGroundGrid;

/**
 * Splits a sweep into ground and obstacle points and fills an {@link ObstacleScan}.
 *
 * <p>Method: points are moved into {@code base_link} and their heights learnt by the runtime's one ground model,
 * {@link PolarGroundGrid} (Autoware's ray ground filter: the local ground follows the lowest point of each polar cell
 * while it rises no faster than {@code maxSlopeDeg}, plus a 0.15 m step for kerbs and noise, and falls no more than
 * a further 0.5 m). A point is an obstacle when it stands between {@code obstacleMinHeightMeters} and
 * {@code obstacleMaxHeightMeters} above the local ground, ground when below. Points inside the ego's body box are
 * ignored.
 *
 * <p>Not thread-safe; no allocation per sweep (work arrays grow once to the largest cloud seen).
 */
public final class GroundSegmenter {
    private static final double KERB_STEP_METERS = 0.15;
    private static final double BELOW_GROUND_TOLERANCE_METERS = 0.5;
    /** base_link's z = 0 is the road: no limit from the sensor's footprint is needed on top of the local slope. */
    private static final double NO_GLOBAL_SLOPE_LIMIT_DEG = 90;

    private final GroundFilterConfig config;
    private final PolarGroundGrid grid;
    private float[] bx = new float[0];
    private float[] by = new float[0];
    private float[] bz = new float[0];
    private int[] cellOf = new int[0];
    private MountPose cachedMount;
    private final double[] rotation = new double[9];

    public GroundSegmenter(GroundFilterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.grid = new PolarGroundGrid(config.azimuthBins(), config.rangeBins(), config.rangeBinMeters());
    }

    /** One-line entry point for tests and tools. */
    public static ObstacleScan segmentOnce(GroundFilterConfig config, PointCloud cloud, MountPose lidarMount) {
        ObstacleScan scan = new ObstacleScan(config.azimuthBins(), Math.max(1, cloud.size()));
        new GroundSegmenter(config).segment(cloud, lidarMount, scan);
        return scan;
    }

    /**
     * Segments {@code cloud} (lidar frame) mounted at {@code lidarMount} into {@code out}.
     */
    public void segment(PointCloud cloud, MountPose lidarMount, ObstacleScan out) {
        if (out.azimuthBins() != grid.azimuthBins()) {
            throw new IllegalArgumentException("scan has " + out.azimuthBins() + " azimuth bins, segmenter "
                    + grid.azimuthBins());
        }
        updateRotation(lidarMount);
        int n = cloud.size();
        ensureCapacity(n);
        out.begin(lidarMount.xMeters(), lidarMount.yMeters());
        grid.clear();

        double r0 = rotation[0], r1 = rotation[1], r2 = rotation[2];
        double r3 = rotation[3], r4 = rotation[4], r5 = rotation[5];
        double r6 = rotation[6], r7 = rotation[7], r8 = rotation[8];
        double tx = lidarMount.xMeters(), ty = lidarMount.yMeters(), tz = lidarMount.zMeters();
        double egoFront = config.egoLengthMeters() - config.egoRearOverhangMeters();
        double egoRear = -config.egoRearOverhangMeters();
        double egoHalfWidth = config.egoWidthMeters() / 2;
        double maxRange = config.maxRangeMeters();
        float[] xs = cloud.xArray();
        float[] ys = cloud.yArray();
        float[] zs = cloud.zArray();

        for (int i = 0; i < n; i++) {
            double px = xs[i], py = ys[i], pz = zs[i];
            double x = r0 * px + r1 * py + r2 * pz + tx;
            double y = r3 * px + r4 * py + r5 * pz + ty;
            double z = r6 * px + r7 * py + r8 * pz + tz;
            bx[i] = (float) x;
            by[i] = (float) y;
            bz[i] = (float) z;
            if (x >= egoRear && x <= egoFront && Math.abs(y) <= egoHalfWidth) {
                cellOf[i] = -1;
                continue;
            }
            double dx = x - tx;
            double dy = y - ty;
            if (!(dx * dx + dy * dy < maxRange * maxRange)) {
                cellOf[i] = -1;
                continue;
            }
            int cell = grid.cellOf(dx, dy);
            cellOf[i] = cell;
            grid.add(cell, z);
        }

        grid.fitGround(config.maxSlopeDeg(), NO_GLOBAL_SLOPE_LIMIT_DEG, KERB_STEP_METERS, BELOW_GROUND_TOLERANCE_METERS);

        double minH = config.obstacleMinHeightMeters();
        double maxH = config.obstacleMaxHeightMeters();
        for (int i = 0; i < n; i++) {
            int cell = cellOf[i];
            if (cell < 0) {
                continue;
            }
            double h = bz[i] - grid.groundMeters(cell);
            int az = grid.sectorOf(cell);
            double dx = bx[i] - tx;
            double dy = by[i] - ty;
            float range = (float) Math.sqrt(dx * dx + dy * dy);
            if (h < minH) {
                out.addGround(az, range);
            } else if (h <= maxH) {
                out.addObstacle(az, range, bx[i], by[i], bz[i]);
            }
        }
    }

    private void ensureCapacity(int n) {
        if (bx.length < n) {
            int cap = n + (n >> 3); // reserve: a slightly larger sweep must not reallocate
            bx = new float[cap];
            by = new float[cap];
            bz = new float[cap];
            cellOf = new int[cap];
        }
    }

    private void updateRotation(MountPose m) {
        if (m.equals(cachedMount)) {
            return;
        }
        double cr = Math.cos(m.rollRad()), sr = Math.sin(m.rollRad());
        double cp = Math.cos(m.pitchRad()), sp = Math.sin(m.pitchRad());
        double cy = Math.cos(m.yawRad()), sy = Math.sin(m.yawRad());
        // R = Rz(yaw) * Ry(pitch) * Rx(roll)
        rotation[0] = cy * cp;
        rotation[1] = cy * sp * sr - sy * cr;
        rotation[2] = cy * sp * cr + sy * sr;
        rotation[3] = sy * cp;
        rotation[4] = sy * sp * sr + cy * cr;
        rotation[5] = sy * sp * cr - cy * sr;
        rotation[6] = -sp;
        rotation[7] = cp * sr;
        rotation[8] = cp * cr;
        cachedMount = m;
    }
}
