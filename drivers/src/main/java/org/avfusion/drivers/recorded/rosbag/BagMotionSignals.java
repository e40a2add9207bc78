package org.avfusion.drivers.recorded.rosbag;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.avfusion.calibration.tools.SampledSignal;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.rosbag.Odometry;
import org.avfusion.drivers.recorded.rosbag.OdometryDecoder;
import org.avfusion.drivers.recorded.rosbag.RosTopicReader;
import org.avfusion.drivers.recorded.rosbag.RosbagConfig;
import org.avfusion.drivers.recorded.rosbag.RosbagSource;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * Motion signals read from a ROS 1 bag for {@link org.avfusion.calibration.tools.CrossCorrelationOffsetEstimator}:
 * one gyro axis of a {@code sensor_msgs/Imu} topic (through {@link RosbagSource}) and one angular or linear
 * velocity of a {@code nav_msgs/Odometry} topic (through {@link RosTopicReader} and {@link OdometryDecoder}).
 *
 * <p>Stamps are the messages' header stamps, unchanged (ROS time, nanoseconds since 1970): the clock of the sensor
 * that stamped them, which is what a clock offset is about. Messages whose stamp does not advance (a repeated or
 * out-of-order stamp) are dropped and counted in the health. Each call opens and reads the whole bag; stateless.
 */
public final class BagMotionSignals {
    /** Which component of a message's vector. */
    public enum Axis {
        X, Y, Z;

        double of(double x, double y, double z) {
            return switch (this) {
                case X -> x;
                case Y -> y;
                case Z -> z;
            };
        }
    }

    /** Which velocity of an odometry message. */
    public enum OdometryField {
        ANGULAR, LINEAR
    }

    private BagMotionSignals() {
    }

    /**
     * The IMU's angular velocity about {@code axis} (rad/s) on {@code topic}.
     *
     * @throws RecordedDriveException naming the bag when it cannot be read or lacks the topic
     */
    public static SampledSignal imuAngularVelocity(Path bag, String topic, Axis axis, RecordedHealth health)
            throws RecordedDriveException {
        SensorId imu = new SensorId("imu", SensorKind.IMU);
        RosbagConfig config = RosbagConfig.of(Map.of(topic, imu)).withTimeBase(RecordedTimeBase.fixed(0, 0));
        Samples samples = new Samples(topic + " angular_velocity." + axis.name().toLowerCase(java.util.Locale.ROOT));
        try (RosbagSource source = RosbagSource.open(bag, config, health)) {
            // pulled directly rather than through ReplayPacer: no pacing or clock ticks are wanted here
            FrameSink sink = (header, payload) -> {
                ImuSample s = (ImuSample) payload;
                samples.add(header.stampNanos(), axis.of(s.gyroXRadPerSec(), s.gyroYRadPerSec(),
                        s.gyroZRadPerSec()), health);
                return true;
            };
            while (source.nextArrivalNanos() != RecordedSource.END) {
                source.emitNext(sink);
            }
        }
        return samples.signal();
    }

    /**
     * The odometry's angular or linear velocity about / along {@code axis} (rad/s or m/s) on {@code topic}.
     *
     * @throws RecordedDriveException naming the bag when it cannot be read, lacks the topic, or the topic is not
     *                                {@code nav_msgs/Odometry}
     */
    public static SampledSignal odometryVelocity(Path bag, String topic, OdometryField field, Axis axis,
            RecordedHealth health) throws RecordedDriveException {
        Objects.requireNonNull(field, "field");
        Samples samples = new Samples(topic + " twist." + field.name().toLowerCase(java.util.Locale.ROOT) + "."
                + axis.name().toLowerCase(java.util.Locale.ROOT));
        RosTopicReader.read(bag, topic, OdometryDecoder.ROS_TYPE, OdometryDecoder.MD5,
                RosbagConfig.DEFAULT_MAX_CHUNK_BYTES, health, (recordNanos, message) -> {
                    Odometry o = OdometryDecoder.decode(message);
                    long stamp = o.stampNanos() == 0 ? recordNanos : o.stampNanos();
                    double value = field == OdometryField.ANGULAR
                            ? axis.of(o.wxRadiansPerSecond(), o.wyRadiansPerSecond(), o.wzRadiansPerSecond())
                            : axis.of(o.vxMetersPerSecond(), o.vyMetersPerSecond(), o.vzMetersPerSecond());
                    samples.add(stamp, value, health);
                });
        return samples.signal();
    }

    /** Growing arrays of strictly increasing samples. */
    private static final class Samples {
        private final String name;
        private long[] stamps = new long[1024];
        private double[] values = new double[1024];
        private int size;

        Samples(String name) {
            this.name = name;
        }

        void add(long stampNanos, double value, RecordedHealth health) {
            if (size > 0 && stampNanos <= stamps[size - 1]) {
                health.reject(org.avfusion.drivers.recorded.RejectReason.IMPOSSIBLE_VALUE, name + ": stamp "
                        + stampNanos + " does not advance past " + stamps[size - 1] + "; sample dropped");
                return;
            }
            if (size == stamps.length) {
                stamps = Arrays.copyOf(stamps, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            stamps[size] = stampNanos;
            values[size] = value;
            size++;
        }

        SampledSignal signal() {
            return new SampledSignal(name, Arrays.copyOf(stamps, size), Arrays.copyOf(values, size));
        }
    }
}
