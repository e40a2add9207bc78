package org.avfusion.runtime.perceive.lidar;

/**
 * Where the road is expected before any point is seen: the plane {@code up . p = -sensorHeightMeters} in the lidar
 * frame, i.e. the plane perpendicular to the world's up direction (a unit vector in lidar coordinates, from the
 * mount's roll and pitch) at the sensor's mount height below it. The pipeline measures every height from this plane
 * and the ground filter follows the real ground from there.
 *
 * @param upX                x of the world's up direction in the lidar frame (normalised here)
 * @param upY                y of it
 * @param upZ                z of it; must be the dominant component (a lidar tilted by less than 45 degrees)
 * @param sensorHeightMeters the lidar's height above the road, metres (KITTI's HDL-64E: 1.73 m)
 */
public record GroundPrior(double upX, double upY, double upZ, double sensorHeightMeters) {

    public GroundPrior {
        double norm = Math.sqrt(upX * upX + upY * upY + upZ * upZ);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("ground prior up vector must be finite and non-zero, was (" + upX
                    + ", " + upY + ", " + upZ + ")");
        }
        upX /= norm;
        upY /= norm;
        upZ /= norm;
        if (!(upZ > Math.sqrt(0.5))) {
            throw new IllegalArgumentException("ground prior up vector (" + upX + ", " + upY + ", " + upZ
                    + ") is tilted 45 degrees or more from the lidar's z axis: a lidar mounted upright is expected");
        }
        if (!(sensorHeightMeters >= 0 && sensorHeightMeters < 100)) {
            throw new IllegalArgumentException("ground prior sensorHeightMeters must be in [0, 100), was "
                    + sensorHeightMeters);
        }
    }

    /** A level lidar (z up) {@code heightMeters} above the road. */
    public static GroundPrior level(double heightMeters) {
        return new GroundPrior(0, 0, 1, heightMeters);
    }

    /** Height of a lidar-frame point above the prior's plane, metres. */
    public double heightAboveMeters(double x, double y, double z) {
        return upX * x + upY * y + upZ * z + sensorHeightMeters;
    }
}
