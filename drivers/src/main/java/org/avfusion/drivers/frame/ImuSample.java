package org.avfusion.drivers.frame;

/**
 * One inertial sample in the IMU's own frame (x forward, y left, z up once mounted as calibrated).
 *
 * @param gyroXRadPerSec   angular velocity about x, rad/s
 * @param gyroYRadPerSec   angular velocity about y, rad/s
 * @param gyroZRadPerSec   angular velocity about z (yaw rate for an upright IMU), rad/s
 * @param accelXMetersPerSec2 specific force along x, m/s^2
 * @param accelYMetersPerSec2 specific force along y, m/s^2
 * @param accelZMetersPerSec2 specific force along z (about +9.81 at rest, upright), m/s^2
 */
public record ImuSample(
        double gyroXRadPerSec,
        double gyroYRadPerSec,
        double gyroZRadPerSec,
        double accelXMetersPerSec2,
        double accelYMetersPerSec2,
        double accelZMetersPerSec2) implements Payload {

    public ImuSample {
        if (!Double.isFinite(gyroXRadPerSec) || !Double.isFinite(gyroYRadPerSec) || !Double.isFinite(gyroZRadPerSec)
                || !Double.isFinite(accelXMetersPerSec2) || !Double.isFinite(accelYMetersPerSec2)
                || !Double.isFinite(accelZMetersPerSec2)) {
            throw new IllegalArgumentException("IMU sample has a non-finite value: gyro=(" + gyroXRadPerSec + ", "
                    + gyroYRadPerSec + ", " + gyroZRadPerSec + ") accel=(" + accelXMetersPerSec2 + ", "
                    + accelYMetersPerSec2 + ", " + accelZMetersPerSec2 + ")");
        }
    }

    @Override
    public SensorKind kind() {
        return SensorKind.IMU;
    }
}
