package org.avfusion.runtime.cli.ego;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.rosbag.Odometry;
import org.avfusion.drivers.recorded.rosbag.OdometryDecoder;
import org.avfusion.drivers.recorded.rosbag.RosMessageDecoder;
import org.avfusion.drivers.recorded.rosbag.RosMessageKind;
import org.avfusion.drivers.recorded.rosbag.RosTopicReader;
import org.avfusion.drivers.recorded.rosbag.RosbagConfig;
import org.avfusion.runtime.ego.EgoFilterConfig;
import org.avfusion.runtime.ego.EgoMeasurement;

/**
 * A ROS 1 bag as ego measurements, with the topic layout of robot_localization's husky test bag: {@code /fix}
 * (NavSatFix), {@code /imu/data} (Imu, mounted so that the vehicle's yaw rate is on the IMU's <b>y</b> axis, as the
 * data README says) and {@code /husky_velocity_controller/odom} (Odometry: forward speed and yaw rate of the
 * twist). Measurements carry their header stamps and arrive at their bag record times. The bag's fixes carry no
 * usable epoch apart from the header stamp, so no latency is estimated for them.
 */
public final class RosbagMeasurements {
    public static final String FIX_TOPIC = "/fix";
    public static final String IMU_TOPIC = "/imu/data";
    public static final String ODOM_TOPIC = "/husky_velocity_controller/odom";
    /** Horizontal standard deviation used for the bag's fixes, metres (a consumer receiver, no covariance used). */
    public static final double FIX_STD_METERS = 2.5;

    private RosbagMeasurements() {
    }

    /**
     * Filter settings for the husky (a slow skid-steer robot): its IMU's yaw rate per 30 Hz sample is as noisy as the
     * wheel odometry's (0.05 rad/s each: the sensors are weighted alike, neither is known to be better), yaw
     * acceleration is gentle (0.05 rad/s^2/sqrt(Hz)), the fixes are 2.5 m. The car defaults (gyro 0.01 rad/s, yaw
     * acceleration 0.3) let the IMU's vibration through: yaw-rate correlation with the odometry 0.88 instead of
     * 0.97 (EgoHuskyBagTest).
     */
    public static EgoFilterConfig huskyConfig() {
        return EgoFilterConfig.defaults().toBuilder().gyroNoiseRadPerSec(0.05).odometryYawRateNoiseRadPerSec(0.05)
                .processYawAccelNoise(0.05).gnssPositionNoiseMeters(FIX_STD_METERS).trackWidthMeters(0.55).build();
    }

    public static Recording read(Path bag, Set<SourceSelection> sources, double dropGnssFromSeconds,
            double dropGnssToSeconds, RecordedHealth health) throws RecordedDriveException {
        List<TimedMeasurement> out = new ArrayList<>();
        int maxChunk = RosbagConfig.DEFAULT_MAX_CHUNK_BYTES;
        try (RosMessageDecoder decoder = new RosMessageDecoder()) {
            if (sources.contains(SourceSelection.IMU)) {
                RosTopicReader.read(bag, IMU_TOPIC, RosMessageKind.IMU.rosType(), null, maxChunk, health,
                        (record, c) -> {
                            long stamp = RosMessageDecoder.headerStampNanos(c);
                            ImuSample s = decoder.imu(c);
                            out.add(new TimedMeasurement(record, new EgoMeasurement.ImuYawRate(stamp,
                                    s.gyroYRadPerSec(), Double.NaN)));
                        });
            }
            if (sources.contains(SourceSelection.CAN)) {
                RosTopicReader.read(bag, ODOM_TOPIC, OdometryDecoder.ROS_TYPE, OdometryDecoder.MD5, maxChunk, health,
                        (record, c) -> {
                            Odometry o = OdometryDecoder.decode(c);
                            out.add(new TimedMeasurement(record, new EgoMeasurement.OdometryTwist(o.stampNanos(),
                                    o.vxMetersPerSecond(), o.wzRadiansPerSecond())));
                        });
            }
            if (sources.contains(SourceSelection.GNSS)) {
                List<TimedMeasurement> fixes = new ArrayList<>();
                RosTopicReader.read(bag, FIX_TOPIC, RosMessageKind.NAV_SAT_FIX.rosType(), null, maxChunk, health,
                        (record, c) -> {
                            long stamp = RosMessageDecoder.headerStampNanos(c);
                            GnssFix fix = decoder.navSatFix(c, stamp);
                            if (fix.mode() != org.avfusion.drivers.frame.FixMode.NO_FIX && Math.abs(fix.latitudeDeg()) <= 89) {
                                fixes.add(new TimedMeasurement(record, new EgoMeasurement.GnssPosition(stamp,
                                        fix.latitudeDeg(), fix.longitudeDeg(), FIX_STD_METERS)));
                            }
                        });
                long first = out.stream().mapToLong(TimedMeasurement::arrivalNanos).min()
                        .orElse(fixes.isEmpty() ? 0 : fixes.get(0).arrivalNanos());
                for (TimedMeasurement f : fixes) {
                    double rel = (f.arrivalNanos() - first) * 1e-9;
                    if (!(rel >= dropGnssFromSeconds && rel < dropGnssToSeconds)) {
                        out.add(f);
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(TimedMeasurement::arrivalNanos));
        return new Recording(out, Map.of());
    }
}
