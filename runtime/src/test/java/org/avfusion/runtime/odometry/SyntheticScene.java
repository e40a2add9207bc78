package org.avfusion.runtime.odometry;

import java.util.SplittableRandom;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.drivers.frame.PointCloud;

/**
 * A small static world for odometry tests: a ground plane, two walls along x and a row of pillars, as points in the
 * world frame (fixed seed). {@link #sweep} views it from a lidar pose, optionally as a spinning lidar moving at a
 * constant twist during the sweep (each point measured from the pose at its own time offset).
 */
final class SyntheticScene {
    final float[] x;
    final float[] y;
    final float[] z;
    final int size;

    SyntheticScene(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 60_000;
        x = new float[n];
        y = new float[n];
        z = new float[n];
        int k = 0;
        for (int i = 0; i < 30_000; i++, k++) { // ground
            x[k] = (float) (rng.nextDouble(-40, 160));
            y[k] = (float) (rng.nextDouble(-12, 12));
            z[k] = (float) (-1.8 + 0.01 * rng.nextGaussian());
        }
        for (int i = 0; i < 20_000; i++, k++) { // walls at y = +-10, with buttresses every 7 m
            double wx = rng.nextDouble(-40, 160);
            double side = rng.nextBoolean() ? 10 : -10;
            double bump = Math.floorMod((long) Math.floor(wx), 7) == 0 ? 0.6 : 0;
            x[k] = (float) wx;
            y[k] = (float) (side - Math.signum(side) * bump);
            z[k] = (float) rng.nextDouble(-1.8, 2.5);
        }
        for (int i = 0; i < 10_000; i++, k++) { // pillars 0.5 m square every 11 m at y = 5
            double cx = -33 + 11 * rng.nextInt(18);
            double face = rng.nextDouble(-0.25, 0.25);
            int side = rng.nextInt(4);
            x[k] = (float) (cx + (side == 0 ? -0.25 : side == 1 ? 0.25 : face));
            y[k] = (float) (5 + (side == 2 ? -0.25 : side == 3 ? 0.25 : face));
            z[k] = (float) rng.nextDouble(-1.8, 1.5);
        }
        size = k;
    }

    /**
     * The world seen from {@code worldFromLidar} into {@code out} (cleared first), points within
     * {@code rangeMeters}; with a non-zero {@code twistPerSecond} (rho, phi, body frame) the lidar moves during the
     * sweep and point {@code i} (in the firing order, azimuth-sorted) is taken at offset {@code sweepNanos * az / 2pi}.
     */
    void sweep(RigidTransform worldFromLidar, double rangeMeters, double[] twistPerSecond, long sweepNanos,
            PointCloud out) {
        double[] start = matrix(worldFromLidar);
        double[] inv = new double[12];
        double[] at = new double[12];
        double[] motion = new double[12];
        double[] lidarFromWorld = new double[12];
        Se3.inverse(start, inv);
        for (int i = 0; i < size; i++) {
            // first, where the point is from the sweep-start pose (for its azimuth, i.e. its firing time)
            double lx = inv[0] * x[i] + inv[1] * y[i] + inv[2] * z[i] + inv[3];
            double ly = inv[4] * x[i] + inv[5] * y[i] + inv[6] * z[i] + inv[7];
            double lz = inv[8] * x[i] + inv[9] * y[i] + inv[10] * z[i] + inv[11];
            if (lx * lx + ly * ly + lz * lz > rangeMeters * rangeMeters) {
                continue;
            }
            int offset = 0;
            if (twistPerSecond != null) {
                double az = Math.atan2(ly, lx);
                double frac = (az < 0 ? az + 2 * Math.PI : az) / (2 * Math.PI);
                offset = (int) Math.round(frac * sweepNanos);
                Se3.exp(twistPerSecond[0], twistPerSecond[1], twistPerSecond[2], twistPerSecond[3], twistPerSecond[4],
                        twistPerSecond[5], offset / 1e9, motion);
                Se3.compose(start, motion, at);
                Se3.inverse(at, lidarFromWorld);
                lx = lidarFromWorld[0] * x[i] + lidarFromWorld[1] * y[i] + lidarFromWorld[2] * z[i] + lidarFromWorld[3];
                ly = lidarFromWorld[4] * x[i] + lidarFromWorld[5] * y[i] + lidarFromWorld[6] * z[i] + lidarFromWorld[7];
                lz = lidarFromWorld[8] * x[i] + lidarFromWorld[9] * y[i] + lidarFromWorld[10] * z[i]
                        + lidarFromWorld[11];
            }
            out.add((float) lx, (float) ly, (float) lz, 0, offset, 0);
        }
    }

    static double[] matrix(RigidTransform t) {
        return t.toMatrix3x4();
    }
}
