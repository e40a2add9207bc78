package org.avfusion.drivers.pointcloud.io;

/**
 * The acquisition viewpoint of a PCD file: sensor origin (metres) and orientation (unit quaternion, w first),
 * in the order of the {@code VIEWPOINT} line. Readers keep it; this project's clouds are in the sensor frame.
 */
public record PcdViewpoint(double txMeters, double tyMeters, double tzMeters, double qw, double qx, double qy,
        double qz) {
    /** Origin, no rotation: {@code VIEWPOINT 0 0 0 1 0 0 0}. */
    public static final PcdViewpoint IDENTITY = new PcdViewpoint(0, 0, 0, 1, 0, 0, 0);

    public PcdViewpoint {
        double[] all = {txMeters, tyMeters, tzMeters, qw, qx, qy, qz};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("VIEWPOINT values must be finite, was " + v);
            }
        }
    }
}
