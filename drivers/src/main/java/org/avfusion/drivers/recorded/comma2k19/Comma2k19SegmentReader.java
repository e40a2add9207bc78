package org.avfusion.drivers.recorded.comma2k19;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.can.CanFrame;
import org.avfusion.drivers.recorded.RecordedDriveException;

/**
 * Reads a comma2k19 segment folder (layout in the data README: {@code processed_log/<group>/<signal>/{t,value}} and
 * {@code global_pose/frame_*}, numpy arrays without extension). Each signal's {@code t} must be 1-D float and its
 * {@code value} numeric with as many rows, and the expected column count; otherwise a
 * {@link RecordedDriveException} names the file and field. A signal folder that is absent is reported in
 * {@link Comma2k19Segment#missing()}; a folder with neither {@code processed_log} nor {@code global_pose} is not a
 * segment.
 *
 * <p>Stateless; thread-safe.
 */
public final class Comma2k19SegmentReader {
    private Comma2k19SegmentReader() {
    }

    public static Comma2k19Segment read(Path folder) throws RecordedDriveException {
        if (!Files.isDirectory(folder.resolve("processed_log")) && !Files.isDirectory(folder.resolve("global_pose"))) {
            throw new RecordedDriveException(folder, RecordedDriveException.NO_OFFSET, "not a comma2k19 segment "
                    + "(neither processed_log/ nor global_pose/ is in it)");
        }
        List<String> missing = new ArrayList<>();
        TimeSeries speed = series(folder, "processed_log/CAN/speed", 1, missing);
        TimeSeries wheels = series(folder, "processed_log/CAN/wheel_speed", 4, missing);
        TimeSeries steering = series(folder, "processed_log/CAN/steering_angle", 1, missing);
        TimeSeries accel = series(folder, "processed_log/IMU/accelerometer", 3, missing);
        TimeSeries gyro = series(folder, "processed_log/IMU/gyro", 3, missing);
        TimeSeries ublox = series(folder, "processed_log/GNSS/live_gnss_ublox", -1, missing);
        TimeSeries qcom = series(folder, "processed_log/GNSS/live_gnss_qcom", -1, missing);
        checkGnss(ublox, folder);
        checkGnss(qcom, folder);
        double[] poseTimes = new double[0];
        double[][] positions = new double[0][];
        double[][] velocities = new double[0][];
        double[][] orientations = new double[0][];
        Path pose = folder.resolve("global_pose");
        if (Files.isDirectory(pose)) {
            String tName = "global_pose/frame_times";
            poseTimes = NpyReader.read(pose.resolve("frame_times")).requireNumeric(tName, -1).column(0);
            positions = matrix(pose.resolve("frame_positions"), "global_pose/frame_positions", poseTimes.length, 3);
            velocities = matrix(pose.resolve("frame_velocities"), "global_pose/frame_velocities", poseTimes.length, 3);
            orientations = matrix(pose.resolve("frame_orientations"), "global_pose/frame_orientations",
                    poseTimes.length, 4);
        } else {
            missing.add("global_pose");
        }
        List<CanFrame> rawCan = rawCan(folder, missing);
        return new Comma2k19Segment(folder, speed, wheels, steering, accel, gyro, ublox, qcom, poseTimes, positions,
                velocities, orientations, rawCan, missing);
    }

    /**
     * Reads {@code processed_log/CAN/raw_can} ({@code address} int, {@code data} byte strings, {@code src} int,
     * {@code t} float seconds) as frames; ids above 0x7FF are extended. The arrays do not keep the frame length:
     * every frame is read with the full width of the byte strings (8), zero-padded as stored. Empty when the folder
     * is absent.
     */
    public static List<CanFrame> rawCan(Path folder, List<String> missing) throws RecordedDriveException {
        Path dir = folder.resolve("processed_log/CAN/raw_can");
        if (!Files.isDirectory(dir)) {
            missing.add("processed_log/CAN/raw_can");
            return List.of();
        }
        NpyArray address = NpyReader.read(dir.resolve("address")).requireNumeric("raw_can/address", -1);
        int n = address.rows();
        NpyArray data = NpyReader.read(dir.resolve("data")).requireShape("raw_can/data", n);
        if (data.numeric()) {
            throw new RecordedDriveException(dir.resolve("data"), RecordedDriveException.NO_OFFSET,
                    "field raw_can/data: dtype " + data.dtype() + " is not a byte string (expected |S8)");
        }
        NpyArray src = NpyReader.read(dir.resolve("src")).requireNumeric("raw_can/src", n);
        NpyArray t = NpyReader.read(dir.resolve("t")).requireNumeric("raw_can/t", n);
        List<CanFrame> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long id = address.getLong(i, 0);
            if (id < 0 || id > 0x1FFFFFFF) {
                throw new RecordedDriveException(dir.resolve("address"), RecordedDriveException.NO_OFFSET,
                        "field raw_can/address: row " + i + " holds " + id + ", not a CAN id");
            }
            long stamp = Math.round(t.getDouble(i, 0) * 1e9);
            frames.add(new CanFrame(stamp, Long.toString(src.getLong(i, 0)), (int) id, id > 0x7FF, data.getRawBytes(i)));
        }
        return frames;
    }

    private static void checkGnss(TimeSeries gnss, Path folder) throws RecordedDriveException {
        if (!gnss.isEmpty() && gnss.values()[0].length < 4) {
            throw new RecordedDriveException(folder.resolve(gnss.name()).resolve("value"),
                    RecordedDriveException.NO_OFFSET, "field " + gnss.name() + "/value: " + gnss.values()[0].length
                            + " columns, expected at least 4 (lat, lon, alt, fix UTC ms)");
        }
    }

    private static TimeSeries series(Path folder, String name, int columns, List<String> missing)
            throws RecordedDriveException {
        Path dir = folder.resolve(name);
        if (!Files.isDirectory(dir)) {
            missing.add(name);
            return TimeSeries.empty(name);
        }
        NpyArray t = NpyReader.read(dir.resolve("t"));
        if (!t.dtype().matches("[<>=|]f[48]")) {
            throw new RecordedDriveException(dir.resolve("t"), RecordedDriveException.NO_OFFSET, "field " + name
                    + "/t: dtype " + t.dtype() + ", expected float seconds (<f8)");
        }
        t.requireShape(name + "/t", -1);
        NpyArray v = NpyReader.read(dir.resolve("value"));
        int rows = t.rows();
        if (v.shape().length == 1 && (columns == 1 || columns == -1)) {
            v.requireNumeric(name + "/value", rows);
        } else {
            v.requireNumeric(name + "/value", rows, columns);
        }
        double[] times = t.column(0);
        int cols = v.columns();
        double[][] values = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                values[r][c] = v.getDouble(r, c);
            }
        }
        return new TimeSeries(name, times, values);
    }

    private static double[][] matrix(Path file, String field, int rows, int columns) throws RecordedDriveException {
        NpyArray a = NpyReader.read(file).requireNumeric(field, rows, columns);
        double[][] out = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                out[r][c] = a.getDouble(r, c);
            }
        }
        return out;
    }
}
