package org.avfusion.drivers.recorded.comma2k19;

import java.nio.file.Path;
import java.util.List;
import org.avfusion.drivers.can.CanFrame;

/**
 * A comma2k19 segment as read by {@link Comma2k19SegmentReader}. Times are the device's monotonic boot clock in
 * seconds. A signal whose folder is absent is an empty series and is listed in {@code missing}.
 *
 * @param folder            the segment folder
 * @param canSpeed          vehicle speed, m/s, 1 column
 * @param wheelSpeeds       m/s, 4 columns (front left, front right, rear left, rear right)
 * @param steeringAngle     degrees, 1 column
 * @param accelerometer     m/s^2, 3 columns (device frame: x forward, y right, z down)
 * @param gyro              rad/s, 3 columns (same frame)
 * @param gnssUblox         u-blox fixes: lat, lon, alt, fix UTC ms, then two undocumented columns
 * @param gnssQcom          Qualcomm fixes, same columns
 * @param poseTimesSeconds  reference pose times (global_pose/frame_times)
 * @param posePositionsEcef reference positions, ECEF metres, 3 columns
 * @param poseVelocitiesEcef reference velocities, ECEF m/s, 3 columns
 * @param poseOrientations  reference orientations, quaternions, 4 columns
 * @param rawCan            the raw CAN frames (processed_log/CAN/raw_can), bus = the {@code src} number
 * @param missing           signal paths that were absent
 */
public record Comma2k19Segment(
        Path folder,
        TimeSeries canSpeed,
        TimeSeries wheelSpeeds,
        TimeSeries steeringAngle,
        TimeSeries accelerometer,
        TimeSeries gyro,
        TimeSeries gnssUblox,
        TimeSeries gnssQcom,
        double[] poseTimesSeconds,
        double[][] posePositionsEcef,
        double[][] poseVelocitiesEcef,
        double[][] poseOrientations,
        List<CanFrame> rawCan,
        List<String> missing) {

    public Comma2k19Segment {
        rawCan = List.copyOf(rawCan);
        missing = List.copyOf(missing);
    }
}
