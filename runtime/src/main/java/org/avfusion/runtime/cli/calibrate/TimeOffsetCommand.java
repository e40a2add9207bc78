package org.avfusion.runtime.cli.calibrate;

import org.avfusion.calibration.yaml.Bounds;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.avfusion.calibration.tools.CrossCorrelationOffsetEstimator;
import org.avfusion.calibration.tools.SampledSignal;
import org.avfusion.calibration.tools.TimeOffsetConfig;
import org.avfusion.calibration.tools.TimeOffsetEstimate;
import org.avfusion.drivers.recorded.rosbag.BagMotionSignals;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion calibrate time-offset --bag F --imu TOPIC [--imu-axis y] --odom TOPIC [--odom-field angular.z]}:
 * estimates the clock offset between an IMU and wheel odometry recorded in a ROS 1 bag from the yaw rate both
 * observe, by cross-correlation ({@link CrossCorrelationOffsetEstimator}). Prints {@code offsetMillis} (how much later
 * the odometry's stamps are than the IMU's for the same motion) with {@code uncertaintyMillis}, or
 * {@code estimable: false} and the reason, exiting with {@link CalibrateCommand#EXIT_NOT_ESTIMABLE}.
 *
 * <p>{@code --from-s} / {@code --to-s} restrict the estimate to a stretch (seconds after the first odometry stamp);
 * {@code --shift-odom-ms} adds a known offset to the odometry's stamps first (to check the tool recovers it).
 */
@Command(name = "time-offset", mixinStandardHelpOptions = true,
        description = "Estimate the clock offset between an IMU and odometry in a ROS bag by cross-correlating yaw "
                + "rates.")
public final class TimeOffsetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bag", required = true, paramLabel = "FILE", description = "ROS 1 bag.")
    Path bag;

    @Option(names = "--imu", required = true, paramLabel = "TOPIC", description = "sensor_msgs/Imu topic.")
    String imuTopic;

    @Option(names = "--imu-axis", defaultValue = "z", paramLabel = "x|y|z",
            description = "Gyro axis that sees the vehicle's yaw (y on an IMU mounted rolled by 90 degrees).")
    String imuAxis;

    @Option(names = "--odom", required = true, paramLabel = "TOPIC", description = "nav_msgs/Odometry topic.")
    String odomTopic;

    @Option(names = "--odom-field", defaultValue = "angular.z", paramLabel = "angular|linear.x|y|z",
            description = "Twist component to correlate.")
    String odomField;

    @Option(names = "--from-s", paramLabel = "SECONDS", description = "Start of the stretch, after the first odometry.")
    Double fromSeconds;

    @Option(names = "--to-s", paramLabel = "SECONDS", description = "End of the stretch, after the first odometry.")
    Double toSeconds;

    @Option(names = "--shift-odom-ms", defaultValue = "0", paramLabel = "MS",
            description = "Add this many milliseconds to every odometry stamp first.")
    double shiftOdomMillis;

    @Option(names = "--grid-ms", defaultValue = "5", paramLabel = "MS", description = "Resampling period.")
    double gridMillis;

    @Option(names = "--max-lag-ms", defaultValue = "1000", paramLabel = "MS", description = "Offsets searched: +-MS.")
    double maxLagMillis;

    @Option(names = "--windows", defaultValue = "8", paramLabel = "N",
            description = "Windows whose spread gives the uncertainty.")
    int windows;

    @Option(names = "--format", defaultValue = "yaml", paramLabel = "yaml|json",
            description = "Output format: yaml or json.")
    String format;

    /** Finest resampling period: half the period of a 1 kHz IMU; an hour of it is 7.2 million samples (58 MB). */
    static final double MIN_GRID_MILLIS = 0.5;
    /** Latest stretch bound: a week of recording. */
    static final double MAX_STRETCH_SECONDS = 604_800;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            OutputFormat output = CalibrationCli.format(format);
            // a finer grid than half a 1 kHz IMU period only costs memory: 1e-6 ms ran out of heap
            Bounds.requireInRange("--grid-ms", gridMillis, MIN_GRID_MILLIS, 1_000, "ms");
            Bounds.requireInRange("--max-lag-ms", maxLagMillis, gridMillis, 60_000, "ms (at least --grid-ms)");
            Bounds.requireInRange("--windows", windows, 2, 1_000, "");
            Bounds.requireInRange("--shift-odom-ms", shiftOdomMillis, -3_600_000, 3_600_000, "ms");
            if (fromSeconds != null) {
                Bounds.requireInRange("--from-s", fromSeconds, 0, MAX_STRETCH_SECONDS, "s");
            }
            if (toSeconds != null) {
                Bounds.requireInRange("--to-s", toSeconds, 0, MAX_STRETCH_SECONDS, "s");
            }
            BagMotionSignals.Axis axis = axis("--imu-axis", imuAxis);
            String[] field = odomField.split("\\.");
            if (field.length != 2) {
                throw new IllegalArgumentException("--odom-field: '" + odomField + "' is not angular.x|y|z or "
                        + "linear.x|y|z");
            }
            BagMotionSignals.OdometryField which = switch (field[0].toLowerCase(Locale.ROOT)) {
                case "angular" -> BagMotionSignals.OdometryField.ANGULAR;
                case "linear" -> BagMotionSignals.OdometryField.LINEAR;
                default -> throw new IllegalArgumentException("--odom-field: '" + field[0]
                        + "' is not angular or linear");
            };
            TimeOffsetConfig config = new TimeOffsetConfig(Math.round(gridMillis * 1e6), Math.round(maxLagMillis * 1e6),
                    TimeOffsetConfig.DEFAULTS.maxGapNanos(), windows, TimeOffsetConfig.DEFAULTS.minSignalStd(),
                    TimeOffsetConfig.DEFAULTS.minPeakCorrelation(), true);
            RecordedHealth health = new RecordedHealth(String.valueOf(bag.getFileName()));
            SampledSignal imu = BagMotionSignals.imuAngularVelocity(bag, imuTopic, axis, health);
            SampledSignal odom = BagMotionSignals.odometryVelocity(bag, odomTopic, which,
                    axis("--odom-field", field[1]), health);
            if (odom.size() == 0 || imu.size() == 0) {
                throw new IllegalArgumentException(bag + ": --imu " + imuTopic + " has " + imu.size()
                        + " messages, --odom " + odomTopic + " has " + odom.size());
            }
            long origin = odom.firstNanos();
            if (fromSeconds != null || toSeconds != null) {
                long from = fromSeconds == null ? Long.MIN_VALUE : origin + Math.round(fromSeconds * 1e9);
                long to = toSeconds == null ? Long.MAX_VALUE : origin + Math.round(toSeconds * 1e9);
                if (to <= from) {
                    throw new IllegalArgumentException("--to-s must be after --from-s");
                }
                imu = imu.between(from, to);
                odom = odom.between(from, to);
            }
            if (shiftOdomMillis != 0) {
                odom = odom.shifted(Math.round(shiftOdomMillis * 1e6));
            }
            TimeOffsetEstimate e = CrossCorrelationOffsetEstimator.estimate(imu, odom, config);
            ObjectNode o = output.object();
            o.put("bag", bag.toString());
            o.put("a", imu.name());
            o.put("b", odom.name());
            o.put("convention", "offset = b clock - a clock: b(t + offset) = sign * a(t)");
            o.put("estimable", e.estimable());
            if (e.estimable()) {
                o.put("offsetMillis", e.offsetMillis());
                o.put("uncertaintyMillis", e.uncertaintyMillis());
                o.put("sign", e.sign());
            } else {
                o.put("reason", e.reason());
            }
            o.put("peakCorrelation", e.peakCorrelation());
            o.put("windowsUsed", e.windowsUsed());
            o.put("overlapSamples", e.overlapSamples());
            o.put("samplesA", imu.size());
            o.put("samplesB", odom.size());
            o.put("shiftAppliedToBMillis", shiftOdomMillis);
            o.put("rejectedMessages", health.rejected());
            out.print(output.write(o));
            out.flush();
            return e.estimable() ? 0 : CalibrateCommand.EXIT_NOT_ESTIMABLE;
        } catch (RecordedDriveException | IllegalArgumentException e) {
            return CalibrationCli.badInput(err, "calibrate time-offset", e);
        }
    }

    private static BagMotionSignals.Axis axis(String option, String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "x" -> BagMotionSignals.Axis.X;
            case "y" -> BagMotionSignals.Axis.Y;
            case "z" -> BagMotionSignals.Axis.Z;
            default -> throw new IllegalArgumentException(option + ": '" + name + "' is not x, y or z");
        };
    }
}
