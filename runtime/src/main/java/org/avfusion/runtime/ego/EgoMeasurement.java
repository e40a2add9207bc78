package org.avfusion.runtime.ego;

/**
 * One measurement for the {@link EgoMotionFilter}. Stamps are nanoseconds on the vehicle's one time base (the
 * time the quantity was true, e.g. a GNSS fix's own epoch mapped to that clock, not its arrival). Vehicle frame:
 * x forward, yaw rate counter-clockwise positive (REP 103). Values are validated here so the filter never sees NaN
 * where a number is required.
 */
public sealed interface EgoMeasurement {
    long stampNanos();

    EgoSource source();

    /**
     * IMU yaw rate (gyro z of an upright IMU, rad/s, bias included: the filter estimates the bias) and, optionally,
     * longitudinal specific force ({@code NaN} when not used).
     */
    record ImuYawRate(long stampNanos, double yawRateRadPerSec, double longitudinalAccelMetersPerSec2)
            implements EgoMeasurement {
        public ImuYawRate {
            finite("yawRateRadPerSec", yawRateRadPerSec);
            if (Double.isInfinite(longitudinalAccelMetersPerSec2)) {
                throw new IllegalArgumentException("longitudinalAccelMetersPerSec2 is infinite");
            }
        }

        @Override
        public EgoSource source() {
            return EgoSource.IMU;
        }
    }

    /** The vehicle's speed signal, m/s, non-negative (reverse is not modelled). */
    record VehicleSpeed(long stampNanos, double speedMetersPerSec) implements EgoMeasurement {
        public VehicleSpeed {
            finite("speedMetersPerSec", speedMetersPerSec);
        }

        @Override
        public EgoSource source() {
            return EgoSource.VEHICLE_SPEED;
        }
    }

    /** Four wheel speeds, m/s: front left, front right, rear left, rear right. */
    record WheelSpeeds(long stampNanos, double frontLeftMetersPerSec, double frontRightMetersPerSec,
            double rearLeftMetersPerSec, double rearRightMetersPerSec) implements EgoMeasurement {
        public WheelSpeeds {
            finite("frontLeftMetersPerSec", frontLeftMetersPerSec);
            finite("frontRightMetersPerSec", frontRightMetersPerSec);
            finite("rearLeftMetersPerSec", rearLeftMetersPerSec);
            finite("rearRightMetersPerSec", rearRightMetersPerSec);
        }

        /** Wheel {@code i}: 0 front left, 1 front right, 2 rear left, 3 rear right. */
        public double wheel(int i) {
            return switch (i) {
                case 0 -> frontLeftMetersPerSec;
                case 1 -> frontRightMetersPerSec;
                case 2 -> rearLeftMetersPerSec;
                case 3 -> rearRightMetersPerSec;
                default -> throw new IndexOutOfBoundsException("wheel " + i);
            };
        }

        @Override
        public EgoSource source() {
            return EgoSource.WHEEL_SPEEDS;
        }
    }

    /**
     * A GNSS position, WGS-84 degrees, with its horizontal standard deviation in metres ({@code NaN}: use the
     * configured default).
     */
    record GnssPosition(long stampNanos, double latitudeDeg, double longitudeDeg, double horizontalStdMeters)
            implements EgoMeasurement {
        public GnssPosition {
            if (!(latitudeDeg >= -89 && latitudeDeg <= 89)) {
                throw new IllegalArgumentException("latitudeDeg must be in [-89, 89], was " + latitudeDeg);
            }
            if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) {
                throw new IllegalArgumentException("longitudeDeg must be in [-180, 180], was " + longitudeDeg);
            }
            if (!Double.isNaN(horizontalStdMeters) && !(horizontalStdMeters > 0 && horizontalStdMeters < 1e4)) {
                throw new IllegalArgumentException("horizontalStdMeters must be NaN or in (0, 1e4), was "
                        + horizontalStdMeters);
            }
        }

        @Override
        public EgoSource source() {
            return EgoSource.GNSS_POSITION;
        }
    }

    /** GNSS speed over ground (m/s) and course over ground (degrees clockwise from true north). */
    record GnssVelocity(long stampNanos, double speedMetersPerSec, double courseDeg) implements EgoMeasurement {
        public GnssVelocity {
            finite("speedMetersPerSec", speedMetersPerSec);
            finite("courseDeg", courseDeg);
        }

        @Override
        public EgoSource source() {
            return EgoSource.GNSS_VELOCITY;
        }
    }

    /** Odometry twist in the vehicle frame: forward speed (m/s) and yaw rate (rad/s). */
    record OdometryTwist(long stampNanos, double forwardSpeedMetersPerSec, double yawRateRadPerSec)
            implements EgoMeasurement {
        public OdometryTwist {
            finite("forwardSpeedMetersPerSec", forwardSpeedMetersPerSec);
            finite("yawRateRadPerSec", yawRateRadPerSec);
        }

        @Override
        public EgoSource source() {
            return EgoSource.ODOMETRY;
        }
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, was " + v);
        }
    }
}
