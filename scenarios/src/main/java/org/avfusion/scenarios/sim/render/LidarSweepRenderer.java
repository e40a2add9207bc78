package org.avfusion.scenarios.sim.render;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.PointCloud;

/**
 * Renders one sweep of a spinning multi-beam lidar into a pooled {@link PointCloud}.
 *
 * <p>The head turns clockwise seen from above (as Velodyne heads do), starting at the lidar's +x axis at the
 * sweep start; column {@code k} of {@code N} is fired at {@code start + k * period / N} from the ego pose at
 * that instant, so the ego's motion during the sweep shows in the points exactly as in a real uncompensated
 * sweep. Each point is in the lidar frame at its own firing time, with its time offset from the sweep start, its
 * ring (0 = lowest beam), Gaussian range noise and an intensity from the {@link Material} it hit. Rays that hit
 * nothing within the maximum range give no point.
 *
 * <p>Beam directions are precomputed; a sweep does not allocate. Not thread-safe.
 */
public final class LidarSweepRenderer {
    private final int beams;
    private final int azimuths;
    private final double maxRangeMeters;
    private final double rangeNoiseMeters;
    private final long sweepPeriodNanos;
    private final MountPose mount;
    private final SceneView scene;
    private final OrientedBoxes boxes;
    private final RayCaster caster;
    private final boolean columnsAreVertical;
    /** Unit beam directions in the lidar frame, index {@code k * beams + b}. */
    private final double[] lidarDx;
    private final double[] lidarDy;
    private final double[] lidarDz;
    /** The same directions in base_link. */
    private final double[] baseDx;
    private final double[] baseDy;
    private final double[] baseDz;
    /** Horizontal direction of each column in base_link (for the column cull). */
    private final double[] columnCos;
    private final double[] columnSin;
    private final double[] pose = new double[3];

    /**
     * @param beams            lasers, >= 1 (spread evenly from {@code lowestBeamDeg} to {@code highestBeamDeg})
     * @param azimuths         columns per sweep, >= 1
     * @param sweepPeriodNanos one revolution
     * @param mount            lidar pose on base_link
     * @param boxes            the renderer's box set, rewritten through {@link SceneView#updateBoxes} every column
     */
    public LidarSweepRenderer(int beams, int azimuths, double lowestBeamDeg, double highestBeamDeg,
            double maxRangeMeters, double rangeNoiseMeters, long sweepPeriodNanos, MountPose mount, SceneView scene,
            OrientedBoxes boxes) {
        if (beams < 1 || azimuths < 1) {
            throw new IllegalArgumentException("lidar needs >= 1 beam and >= 1 azimuth, was " + beams + " x " + azimuths);
        }
        if (!(maxRangeMeters > 0) || !(rangeNoiseMeters >= 0) || sweepPeriodNanos <= 0) {
            throw new IllegalArgumentException("lidar max range and sweep period must be > 0 and noise >= 0, were "
                    + maxRangeMeters + " m, " + sweepPeriodNanos + " ns, " + rangeNoiseMeters + " m");
        }
        this.beams = beams;
        this.azimuths = azimuths;
        this.maxRangeMeters = maxRangeMeters;
        this.rangeNoiseMeters = rangeNoiseMeters;
        this.sweepPeriodNanos = sweepPeriodNanos;
        this.mount = Objects.requireNonNull(mount, "mount");
        this.scene = Objects.requireNonNull(scene, "scene");
        this.boxes = Objects.requireNonNull(boxes, "boxes");
        this.caster = new RayCaster(boxes);
        this.columnsAreVertical = mount.rollRad() == 0 && mount.pitchRad() == 0;
        int n = beams * azimuths;
        lidarDx = new double[n];
        lidarDy = new double[n];
        lidarDz = new double[n];
        baseDx = new double[n];
        baseDy = new double[n];
        baseDz = new double[n];
        columnCos = new double[azimuths];
        columnSin = new double[azimuths];
        double[][] r = rotation(mount.rollRad(), mount.pitchRad(), mount.yawRad());
        for (int k = 0; k < azimuths; k++) {
            double az = -2 * Math.PI * k / azimuths;
            columnCos[k] = Math.cos(az + mount.yawRad());
            columnSin[k] = Math.sin(az + mount.yawRad());
            for (int b = 0; b < beams; b++) {
                double el = Math.toRadians(beams == 1 ? lowestBeamDeg
                        : lowestBeamDeg + (highestBeamDeg - lowestBeamDeg) * b / (beams - 1));
                int i = k * beams + b;
                lidarDx[i] = Math.cos(el) * Math.cos(az);
                lidarDy[i] = Math.cos(el) * Math.sin(az);
                lidarDz[i] = Math.sin(el);
                baseDx[i] = r[0][0] * lidarDx[i] + r[0][1] * lidarDy[i] + r[0][2] * lidarDz[i];
                baseDy[i] = r[1][0] * lidarDx[i] + r[1][1] * lidarDy[i] + r[1][2] * lidarDz[i];
                baseDz[i] = r[2][0] * lidarDx[i] + r[2][1] * lidarDy[i] + r[2][2] * lidarDz[i];
            }
        }
    }

    /** Points one sweep can hold at most: {@code beams * azimuths}. */
    public int maxPoints() {
        return beams * azimuths;
    }

    /**
     * Renders the sweep starting at vehicle time {@code sweepStartNanos} into {@code out} (which must be empty and
     * hold {@link #maxPoints()}), drawing range noise from {@code rng}.
     */
    public void render(long sweepStartNanos, RandomGenerator rng, PointCloud out) {
        if (out.capacity() < maxPoints()) {
            throw new IllegalArgumentException("point cloud capacity " + out.capacity() + " < " + maxPoints()
                    + " points of one sweep");
        }
        for (int k = 0; k < azimuths; k++) {
            long offsetNanos = sweepPeriodNanos * k / azimuths;
            long t = sweepStartNanos + offsetNanos;
            scene.egoPose(t, pose);
            scene.updateBoxes(t, boxes);
            double cosYaw = Math.cos(pose[2]);
            double sinYaw = Math.sin(pose[2]);
            double ox = pose[0] + cosYaw * mount.xMeters() - sinYaw * mount.yMeters();
            double oy = pose[1] + sinYaw * mount.xMeters() + cosYaw * mount.yMeters();
            double oz = mount.zMeters();
            if (columnsAreVertical) {
                caster.selectColumn(ox, oy, cosYaw * columnCos[k] - sinYaw * columnSin[k],
                        sinYaw * columnCos[k] + cosYaw * columnSin[k], maxRangeMeters);
            }
            for (int b = 0; b < beams; b++) {
                int i = k * beams + b;
                double dx = cosYaw * baseDx[i] - sinYaw * baseDy[i];
                double dy = sinYaw * baseDx[i] + cosYaw * baseDy[i];
                double dz = baseDz[i];
                double range = columnsAreVertical
                        ? caster.castColumnRay(ox, oy, oz, dx, dy, dz, maxRangeMeters)
                        : caster.castRay(ox, oy, oz, dx, dy, dz, maxRangeMeters);
                if (range == Double.POSITIVE_INFINITY) {
                    continue;
                }
                int hit = caster.lastHitBox();
                Material material = hit == RayCaster.GROUND
                        ? RoadSurface.materialAt(scene.road(), ox + range * dx, oy + range * dy)
                        : boxes.material(hit);
                double measured = range + rangeNoiseMeters * rng.nextGaussian();
                out.add((float) (measured * lidarDx[i]), (float) (measured * lidarDy[i]),
                        (float) (measured * lidarDz[i]), material.lidarIntensity(), (int) offsetNanos, b);
            }
        }
    }

    /** Rotation matrix of intrinsic Z-Y-X (yaw, pitch, roll) angles: maps mount-frame vectors to base_link. */
    public static double[][] rotation(double roll, double pitch, double yaw) {
        double cr = Math.cos(roll);
        double sr = Math.sin(roll);
        double cp = Math.cos(pitch);
        double sp = Math.sin(pitch);
        double cy = Math.cos(yaw);
        double sy = Math.sin(yaw);
        return new double[][] {
            {cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr},
            {sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr},
            {-sp, cp * sr, cp * cr}};
    }
}
