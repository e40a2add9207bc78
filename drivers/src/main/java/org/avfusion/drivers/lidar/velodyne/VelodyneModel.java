package org.avfusion.drivers.lidar.velodyne;

import org.avfusion.drivers.lidar.LidarModel;

/**
 * The firing geometry and timing of one Velodyne model, from its user manual.
 *
 * <p>A data block holds 32 measurements. VLP-16: two firing sequences of the 16 lasers, each 55.296 us long, lasers
 * 2.304 us apart, so a block spans 110.592 us and azimuth is interpolated across it (VLP-16 manual, "Precision
 * Azimuth Calculation" and the firing timing table). HDL-32E: one sequence of the 32 lasers fired in pairs 1.152 us
 * apart, 46.080 us per block (HDL-32E manual, appendix "Firing sequence"). Vertical angles are the manuals' tables,
 * in laser (channel) order; distances are in 2 mm units for both.
 */
public enum VelodyneModel {
    VLP16(LidarModel.VLP16, new double[] {-15, 1, -13, 3, -11, 5, -9, 7, -7, 9, -5, 11, -3, 13, -1, 15},
            110_592, 55_296, 2_304, 1),
    HDL32(LidarModel.HDL32, new double[] {
            -30.67, -9.33, -29.33, -8.00, -28.00, -6.66, -26.66, -5.33, -25.33, -4.00, -24.00, -2.67, -22.67, -1.33,
            -21.33, 0.00, -20.00, 1.33, -18.67, 2.67, -17.33, 4.00, -16.00, 5.33, -14.67, 6.67, -13.33, 8.00,
            -12.00, 9.33, -10.67, 10.67},
            46_080, 46_080, 1_152, 2);

    /** Measurements per data block. */
    public static final int MEASUREMENTS_PER_BLOCK = 32;

    private final LidarModel model;
    private final double[] verticalDeg;
    private final int blockNanos;
    private final int sequenceNanos;
    private final int firingStepNanos;
    private final int lasersPerFiring;

    VelodyneModel(LidarModel model, double[] verticalDeg, int blockNanos, int sequenceNanos, int firingStepNanos,
                  int lasersPerFiring) {
        this.model = model;
        this.verticalDeg = verticalDeg;
        this.blockNanos = blockNanos;
        this.sequenceNanos = sequenceNanos;
        this.firingStepNanos = firingStepNanos;
        this.lasersPerFiring = lasersPerFiring;
    }

    public LidarModel model() {
        return model;
    }

    public int lasers() {
        return verticalDeg.length;
    }

    /** Vertical angle of laser {@code laser}, degrees. */
    public double verticalDeg(int laser) {
        return verticalDeg[laser];
    }

    /** Duration of one data block (the time between two blocks' first firings in single-return mode), ns. */
    public int blockNanos() {
        return blockNanos;
    }

    /** Laser fired by measurement {@code m} (0..31) of a block. */
    public int laserOf(int m) {
        return m % verticalDeg.length;
    }

    /** Firing time of measurement {@code m} (0..31) after the block's first firing, ns. */
    public int firingOffsetNanos(int m) {
        int sequence = m / verticalDeg.length;
        int laser = m % verticalDeg.length;
        return sequence * sequenceNanos + (laser / lasersPerFiring) * firingStepNanos;
    }

    /** Ring of each laser: its rank by vertical angle, 0 = lowest. */
    public int ringOf(int laser) {
        int rank = 0;
        for (int i = 0; i < verticalDeg.length; i++) {
            if (verticalDeg[i] < verticalDeg[laser] || (verticalDeg[i] == verticalDeg[laser] && i < laser)) {
                rank++;
            }
        }
        return rank;
    }

    public static VelodyneModel of(LidarModel model) {
        for (VelodyneModel v : values()) {
            if (v.model == model) {
                return v;
            }
        }
        throw new IllegalArgumentException("lidar model " + model + " is not a Velodyne model");
    }
}
