package org.avfusion.runtime.ego;

/**
 * Settings of the {@link EgoMotionFilter}: measurement noise per source (standard deviations), process noise
 * (spectral densities), gating, history and health limits. Every number is range-checked here, with the field
 * and the allowed range in the message. Defaults (one place: {@link #defaults()}) suit a passenger car with a
 * consumer IMU, CAN speed and a single-frequency GNSS receiver.
 *
 * @param gyroNoiseRadPerSec               IMU yaw-rate noise, (0, 1]
 * @param accelNoiseMetersPerSec2          IMU longitudinal acceleration noise (includes gravity through pitch),
 *                                         (0, 20]
 * @param vehicleSpeedNoiseMetersPerSec    CAN speed noise, (0, 10]
 * @param wheelSpeedNoiseMetersPerSec      noise of one wheel speed, (0, 10]
 * @param trackWidthMeters                 distance between left and right wheels, [0.2, 5]
 * @param gnssPositionNoiseMeters          GNSS horizontal std when the fix carries none, (0, 1000]
 * @param gnssVelocityNoiseMetersPerSec    GNSS velocity noise per axis, (0, 10]
 * @param odometrySpeedNoiseMetersPerSec   odometry forward speed noise, (0, 10]
 * @param odometryYawRateNoiseRadPerSec    odometry yaw-rate noise, (0, 1]
 * @param processPositionNoise             position random walk, m/sqrt(s), [0, 10]
 * @param processHeadingNoise              heading random walk, rad/sqrt(s), [0, 1]
 * @param processYawAccelNoise             yaw acceleration, rad/s^2/sqrt(Hz), (0, 10]
 * @param processJerkNoise                 longitudinal jerk, m/s^3/sqrt(Hz), (0, 100]
 * @param processGyroBiasNoise             gyro bias random walk, rad/s/sqrt(s), [0, 0.1]
 * @param processSpeedScaleNoise           wheel/CAN speed scale random walk, 1/sqrt(s), [0, 0.1]
 * @param gateChiSquare1Dof                Mahalanobis gate for scalar measurements (10.83: 99.9 %), [1, 1000]
 * @param gateChiSquare2Dof                gate for 2-D measurements (13.82: 99.9 %), [1, 1000]
 * @param reanchorAfterGatedFixes          consecutive gated GNSS fixes after which the position is reset to the
 *                                         fix (the filter, not the receiver, is then presumed wrong), [1, 10000]
 * @param historyLength                    measurements kept for re-filtering out-of-order ones, [2, 4096]
 * @param maxOutOfOrderSeconds             oldest a late measurement may be and still be re-filtered, [0, 10]
 * @param deadReckonedAfterSeconds         no GNSS position for longer: {@link EgoQuality#DEAD_RECKONED}, (0, 3600]
 * @param unknownAfterSeconds              no measurement at all for longer: {@link EgoQuality#UNKNOWN}, (0, 3600]
 * @param sourceLiveSeconds                a source counts as "in use" while its last sample is younger, (0, 3600]
 * @param stuckWheelSeconds                a wheel speed unchanged for this long while moving is stuck, (0, 600]
 * @param movingSpeedMetersPerSec          speed above which the vehicle is moving (stuck detection, course), (0, 50]
 * @param headingInitDistanceMeters        GNSS displacement that initialises the heading when no course is known,
 *                                         [0.5, 1000]
 * @param unknownSpeedStdMetersPerSec      the speed counts as observed once an update brings its standard
 *                                         deviation under this; until then the estimate is {@link EgoQuality#UNKNOWN}
 *                                         (an IMU alone, before any speed source or GNSS: it measures acceleration,
 *                                         not speed), (0, 10]
 */
public record EgoFilterConfig(
        double gyroNoiseRadPerSec,
        double accelNoiseMetersPerSec2,
        double vehicleSpeedNoiseMetersPerSec,
        double wheelSpeedNoiseMetersPerSec,
        double trackWidthMeters,
        double gnssPositionNoiseMeters,
        double gnssVelocityNoiseMetersPerSec,
        double odometrySpeedNoiseMetersPerSec,
        double odometryYawRateNoiseRadPerSec,
        double processPositionNoise,
        double processHeadingNoise,
        double processYawAccelNoise,
        double processJerkNoise,
        double processGyroBiasNoise,
        double processSpeedScaleNoise,
        double gateChiSquare1Dof,
        double gateChiSquare2Dof,
        int reanchorAfterGatedFixes,
        int historyLength,
        double maxOutOfOrderSeconds,
        double deadReckonedAfterSeconds,
        double unknownAfterSeconds,
        double sourceLiveSeconds,
        double stuckWheelSeconds,
        double movingSpeedMetersPerSec,
        double headingInitDistanceMeters,
        double unknownSpeedStdMetersPerSec) {

    public EgoFilterConfig {
        open("gyroNoiseRadPerSec", gyroNoiseRadPerSec, 1);
        open("accelNoiseMetersPerSec2", accelNoiseMetersPerSec2, 20);
        open("vehicleSpeedNoiseMetersPerSec", vehicleSpeedNoiseMetersPerSec, 10);
        open("wheelSpeedNoiseMetersPerSec", wheelSpeedNoiseMetersPerSec, 10);
        closed("trackWidthMeters", trackWidthMeters, 0.2, 5);
        open("gnssPositionNoiseMeters", gnssPositionNoiseMeters, 1000);
        open("gnssVelocityNoiseMetersPerSec", gnssVelocityNoiseMetersPerSec, 10);
        open("odometrySpeedNoiseMetersPerSec", odometrySpeedNoiseMetersPerSec, 10);
        open("odometryYawRateNoiseRadPerSec", odometryYawRateNoiseRadPerSec, 1);
        closed("processPositionNoise", processPositionNoise, 0, 10);
        closed("processHeadingNoise", processHeadingNoise, 0, 1);
        open("processYawAccelNoise", processYawAccelNoise, 10);
        open("processJerkNoise", processJerkNoise, 100);
        closed("processGyroBiasNoise", processGyroBiasNoise, 0, 0.1);
        closed("processSpeedScaleNoise", processSpeedScaleNoise, 0, 0.1);
        closed("gateChiSquare1Dof", gateChiSquare1Dof, 1, 1000);
        closed("gateChiSquare2Dof", gateChiSquare2Dof, 1, 1000);
        closed("reanchorAfterGatedFixes", reanchorAfterGatedFixes, 1, 10000);
        closed("historyLength", historyLength, 2, 4096);
        closed("maxOutOfOrderSeconds", maxOutOfOrderSeconds, 0, 10);
        open("deadReckonedAfterSeconds", deadReckonedAfterSeconds, 3600);
        open("unknownAfterSeconds", unknownAfterSeconds, 3600);
        open("sourceLiveSeconds", sourceLiveSeconds, 3600);
        open("stuckWheelSeconds", stuckWheelSeconds, 600);
        open("movingSpeedMetersPerSec", movingSpeedMetersPerSec, 50);
        closed("headingInitDistanceMeters", headingInitDistanceMeters, 0.5, 1000);
        open("unknownSpeedStdMetersPerSec", unknownSpeedStdMetersPerSec, 10);
    }

    /** The defaults: a car with a consumer IMU, CAN speed and a single-frequency GNSS receiver. */
    public static EgoFilterConfig defaults() {
        return new EgoFilterConfig(0.01, 1.0, 0.1, 0.15, 1.6, 1.5, 0.3, 0.1, 0.05,
                0.05, 0.002, 0.3, 2.0, 1e-4, 1e-4,
                10.83, 13.82, 10, 256, 0.5,
                1.0, 2.0, 0.5, 1.0, 1.0, 5.0, 1.0);
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a config from another with some fields changed; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private double gyroNoiseRadPerSec;
        private double accelNoiseMetersPerSec2;
        private double vehicleSpeedNoiseMetersPerSec;
        private double wheelSpeedNoiseMetersPerSec;
        private double trackWidthMeters;
        private double gnssPositionNoiseMeters;
        private double gnssVelocityNoiseMetersPerSec;
        private double odometrySpeedNoiseMetersPerSec;
        private double odometryYawRateNoiseRadPerSec;
        private double processPositionNoise;
        private double processHeadingNoise;
        private double processYawAccelNoise;
        private double processJerkNoise;
        private double processGyroBiasNoise;
        private double processSpeedScaleNoise;
        private double gateChiSquare1Dof;
        private double gateChiSquare2Dof;
        private int reanchorAfterGatedFixes;
        private int historyLength;
        private double maxOutOfOrderSeconds;
        private double deadReckonedAfterSeconds;
        private double unknownAfterSeconds;
        private double sourceLiveSeconds;
        private double stuckWheelSeconds;
        private double movingSpeedMetersPerSec;
        private double headingInitDistanceMeters;
        private double unknownSpeedStdMetersPerSec;

        private Builder(EgoFilterConfig c) {
            gyroNoiseRadPerSec = c.gyroNoiseRadPerSec;
            accelNoiseMetersPerSec2 = c.accelNoiseMetersPerSec2;
            vehicleSpeedNoiseMetersPerSec = c.vehicleSpeedNoiseMetersPerSec;
            wheelSpeedNoiseMetersPerSec = c.wheelSpeedNoiseMetersPerSec;
            trackWidthMeters = c.trackWidthMeters;
            gnssPositionNoiseMeters = c.gnssPositionNoiseMeters;
            gnssVelocityNoiseMetersPerSec = c.gnssVelocityNoiseMetersPerSec;
            odometrySpeedNoiseMetersPerSec = c.odometrySpeedNoiseMetersPerSec;
            odometryYawRateNoiseRadPerSec = c.odometryYawRateNoiseRadPerSec;
            processPositionNoise = c.processPositionNoise;
            processHeadingNoise = c.processHeadingNoise;
            processYawAccelNoise = c.processYawAccelNoise;
            processJerkNoise = c.processJerkNoise;
            processGyroBiasNoise = c.processGyroBiasNoise;
            processSpeedScaleNoise = c.processSpeedScaleNoise;
            gateChiSquare1Dof = c.gateChiSquare1Dof;
            gateChiSquare2Dof = c.gateChiSquare2Dof;
            reanchorAfterGatedFixes = c.reanchorAfterGatedFixes;
            historyLength = c.historyLength;
            maxOutOfOrderSeconds = c.maxOutOfOrderSeconds;
            deadReckonedAfterSeconds = c.deadReckonedAfterSeconds;
            unknownAfterSeconds = c.unknownAfterSeconds;
            sourceLiveSeconds = c.sourceLiveSeconds;
            stuckWheelSeconds = c.stuckWheelSeconds;
            movingSpeedMetersPerSec = c.movingSpeedMetersPerSec;
            headingInitDistanceMeters = c.headingInitDistanceMeters;
            unknownSpeedStdMetersPerSec = c.unknownSpeedStdMetersPerSec;
        }

        public Builder gyroNoiseRadPerSec(double value) {
            gyroNoiseRadPerSec = value;
            return this;
        }

        public Builder accelNoiseMetersPerSec2(double value) {
            accelNoiseMetersPerSec2 = value;
            return this;
        }

        public Builder vehicleSpeedNoiseMetersPerSec(double value) {
            vehicleSpeedNoiseMetersPerSec = value;
            return this;
        }

        public Builder wheelSpeedNoiseMetersPerSec(double value) {
            wheelSpeedNoiseMetersPerSec = value;
            return this;
        }

        public Builder trackWidthMeters(double value) {
            trackWidthMeters = value;
            return this;
        }

        public Builder gnssPositionNoiseMeters(double value) {
            gnssPositionNoiseMeters = value;
            return this;
        }

        public Builder gnssVelocityNoiseMetersPerSec(double value) {
            gnssVelocityNoiseMetersPerSec = value;
            return this;
        }

        public Builder odometrySpeedNoiseMetersPerSec(double value) {
            odometrySpeedNoiseMetersPerSec = value;
            return this;
        }

        public Builder odometryYawRateNoiseRadPerSec(double value) {
            odometryYawRateNoiseRadPerSec = value;
            return this;
        }

        public Builder processPositionNoise(double value) {
            processPositionNoise = value;
            return this;
        }

        public Builder processHeadingNoise(double value) {
            processHeadingNoise = value;
            return this;
        }

        public Builder processYawAccelNoise(double value) {
            processYawAccelNoise = value;
            return this;
        }

        public Builder processJerkNoise(double value) {
            processJerkNoise = value;
            return this;
        }

        public Builder processGyroBiasNoise(double value) {
            processGyroBiasNoise = value;
            return this;
        }

        public Builder processSpeedScaleNoise(double value) {
            processSpeedScaleNoise = value;
            return this;
        }

        public Builder gateChiSquare1Dof(double value) {
            gateChiSquare1Dof = value;
            return this;
        }

        public Builder gateChiSquare2Dof(double value) {
            gateChiSquare2Dof = value;
            return this;
        }

        public Builder reanchorAfterGatedFixes(int value) {
            reanchorAfterGatedFixes = value;
            return this;
        }

        public Builder historyLength(int value) {
            historyLength = value;
            return this;
        }

        public Builder maxOutOfOrderSeconds(double value) {
            maxOutOfOrderSeconds = value;
            return this;
        }

        public Builder deadReckonedAfterSeconds(double value) {
            deadReckonedAfterSeconds = value;
            return this;
        }

        public Builder unknownAfterSeconds(double value) {
            unknownAfterSeconds = value;
            return this;
        }

        public Builder sourceLiveSeconds(double value) {
            sourceLiveSeconds = value;
            return this;
        }

        public Builder stuckWheelSeconds(double value) {
            stuckWheelSeconds = value;
            return this;
        }

        public Builder movingSpeedMetersPerSec(double value) {
            movingSpeedMetersPerSec = value;
            return this;
        }

        public Builder headingInitDistanceMeters(double value) {
            headingInitDistanceMeters = value;
            return this;
        }

        public Builder unknownSpeedStdMetersPerSec(double value) {
            unknownSpeedStdMetersPerSec = value;
            return this;
        }

        public EgoFilterConfig build() {
            return new EgoFilterConfig(gyroNoiseRadPerSec, accelNoiseMetersPerSec2, vehicleSpeedNoiseMetersPerSec,
                    wheelSpeedNoiseMetersPerSec, trackWidthMeters, gnssPositionNoiseMeters,
                    gnssVelocityNoiseMetersPerSec, odometrySpeedNoiseMetersPerSec, odometryYawRateNoiseRadPerSec,
                    processPositionNoise, processHeadingNoise, processYawAccelNoise, processJerkNoise,
                    processGyroBiasNoise, processSpeedScaleNoise, gateChiSquare1Dof, gateChiSquare2Dof,
                    reanchorAfterGatedFixes, historyLength, maxOutOfOrderSeconds, deadReckonedAfterSeconds,
                    unknownAfterSeconds, sourceLiveSeconds, stuckWheelSeconds, movingSpeedMetersPerSec,
                    headingInitDistanceMeters, unknownSpeedStdMetersPerSec);
        }
    }

    private static void open(String name, double v, double max) {
        if (!(v > 0 && v <= max)) {
            throw new IllegalArgumentException(name + " must be in (0, " + text(max) + "], was " + text(v));
        }
    }

    private static void closed(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + text(min) + ", " + text(max) + "], was "
                    + text(v));
        }
    }

    /** A bound or value as written: 10000 rather than 10000.0 (the profile loader puts {@code ego.filter} before). */
    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
