package org.avfusion.drivers.recorded.format;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.calibration.io.KittiRawCalibration;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.folder.FrameFolderSource;
import org.avfusion.drivers.recorded.kitti.KittiRawConfig;
import org.avfusion.drivers.recorded.kitti.KittiRawSource;
import org.avfusion.drivers.source.MergedRecordedSource;

/**
 * A KITTI raw drive folder: {@code velodyne_points/data/*.bin}, {@code image_02/data/*.png}, {@code oxts/data/*.txt},
 * each with its {@code timestamps.txt}, replayed by {@link KittiRawSource}. The day's calibration files
 * ({@code calib_cam_to_cam.txt}, {@code calib_velo_to_cam.txt}, {@code calib_imu_to_velo.txt}) in the parent folder
 * give the rig ({@link KittiRawCalibration#toRig}), and the sensors take the rig's names: {@code velodyne},
 * {@code image_02}, {@code oxts_gnss}, {@code oxts_imu}.
 *
 * <p>A synced folder without any {@code timestamps.txt} (a sample cut from a drive) replays at the request's rate
 * (KITTI's 10 Hz by default) with a note that says so: sweep {@code i} and image {@code i} are both stamped
 * {@code i / rate} (the camera is triggered as the lidar faces forward), the sweep arriving one period later,
 * when it is whole.
 *
 * <p>KITTI's lidar is an HDL-64E: a sweep that shows fewer than its 64 laser runs was cut short and is skipped, counted
 * ({@link KittiBinReader.LaserRunCheck#HDL64}), with or without timestamps.
 *
 * <p>With {@link RecordingRequest#decodeImagePixels()} false the PNGs are not decoded: each camera frame carries the
 * size from its PNG header, without pixels.
 */
public final class KittiRawFormat implements RecordingFormat {
    static final SensorId LIDAR = new SensorId("velodyne", SensorKind.LIDAR);
    static final SensorId CAMERA = new SensorId("image_02", SensorKind.CAMERA);
    static final SensorId GNSS = new SensorId("oxts_gnss", SensorKind.GNSS);
    static final SensorId IMU = new SensorId("oxts_imu", SensorKind.IMU);

    @Override
    public String name() {
        return "kitti-raw";
    }

    @Override
    public String expects() {
        return "a KITTI raw drive folder: velodyne_points/data/*.bin, image_02/data/*.png and/or oxts/data/*.txt "
                + "(with timestamps.txt), calib_*.txt in the parent folder";
    }

    @Override
    public boolean recognizes(Path path) {
        return Files.isDirectory(path) && (Files.isDirectory(path.resolve("velodyne_points").resolve("data"))
                || Files.isDirectory(path.resolve("image_02").resolve("data"))
                || Files.isDirectory(path.resolve("oxts").resolve("data")));
    }

    @Override
    public RecordingSource open(Path path, RecordingRequest request) throws RecordingFormatException {
        RecordingPaths.requireFolderIfExists(path, expects());
        if (!recognizes(path)) {
            throw new RecordingFormatException(path + " is not " + expects());
        }
        List<String> notes = new ArrayList<>();
        Rig rig = readRig(path.toAbsolutePath().getParent(), notes);
        boolean lidar = Files.isDirectory(path.resolve("velodyne_points/data"));
        boolean camera = Files.isDirectory(path.resolve("image_02/data"));
        boolean oxts = Files.isDirectory(path.resolve("oxts/data"));
        boolean timestamps = Files.isRegularFile(path.resolve("velodyne_points/timestamps.txt"))
                || Files.isRegularFile(path.resolve("velodyne_points/timestamps_start.txt"))
                || Files.isRegularFile(path.resolve("image_02/timestamps.txt"))
                || Files.isRegularFile(path.resolve("oxts/timestamps.txt"));
        RecordedHealth health = new RecordedHealth(path.toString());
        List<SensorId> sensors = new ArrayList<>();
        if (!timestamps) {
            return openNominal(path, request, rig, notes, health, lidar, camera, oxts);
        }
        KittiRawConfig config = new KittiRawConfig(oxts ? GNSS : null, oxts ? IMU : null, camera ? CAMERA : null,
                lidar ? LIDAR : null, RecordedTimeBase.firstStampAt(0), ZoneOffset.UTC, 1392, 512,
                Math.max(4, request.imageBuffers()), 150_000, Math.max(2, request.cloudBuffers()))
                .withDecodeImagePixels(request.decodeImagePixels())
                .withLaserRunCheck(KittiBinReader.LaserRunCheck.HDL64);
        if (oxts) {
            sensors.add(GNSS);
            sensors.add(IMU);
        }
        if (camera) {
            sensors.add(CAMERA);
        }
        if (lidar) {
            sensors.add(LIDAR);
        }
        KittiRawSource source;
        try {
            source = KittiRawSource.open(path, config, health);
        } catch (RecordedDriveException e) {
            throw new RecordingFormatException(e.getMessage(), e);
        }
        if (!oxts) {
            notes.add(path + ": no oxts/data: the recording has no ego motion (GNSS/IMU)");
        }
        return new OpenedRecording(name(), source, sensors, rig, RecordingSource.END,
                List.of(source.imagePool(), source.cloudPool()), notes, List.of(health));
    }

    private RecordingSource openNominal(Path path, RecordingRequest request, Rig rig, List<String> notes,
            RecordedHealth health, boolean lidar, boolean camera, boolean oxts) throws RecordingFormatException {
        long period = request.periodNanos();
        notes.add(String.format(java.util.Locale.ROOT, "%s has no timestamps.txt: frames replayed at the nominal "
                + "%.1f Hz (sweep and image i stamped i x %.0f ms)", path, request.rateHz(), period / 1e6));
        if (oxts) {
            notes.add(path + ": oxts/data without oxts/timestamps.txt cannot be timed; left out");
        }
        notes.add(path + ": no oxts: the recording has no ego motion (GNSS/IMU)");
        List<FrameFolderSource> parts = new ArrayList<>();
        List<SensorId> sensors = new ArrayList<>();
        try {
            if (camera) {
                parts.add(FrameFolderSource.images(path.resolve("image_02/data"), CAMERA, 0, period, 1392, 512,
                        Math.max(4, request.imageBuffers()), health, request.decodeImagePixels()));
                sensors.add(CAMERA);
            }
            if (lidar) {
                parts.add(FrameFolderSource.sweeps(path.resolve("velodyne_points/data"), LIDAR, 0, period, 150_000,
                        Math.max(2, request.cloudBuffers()), health, KittiBinReader.LaserRunCheck.HDL64));
                sensors.add(LIDAR);
            }
        } catch (RecordedDriveException e) {
            parts.forEach(FrameFolderSource::close);
            throw new RecordingFormatException(e.getMessage(), e);
        }
        if (parts.isEmpty()) {
            throw new RecordingFormatException(path + ": neither velodyne_points/data nor image_02/data to replay");
        }
        long last = parts.stream().mapToLong(FrameFolderSource::lastArrivalNanos).max().getAsLong();
        return new OpenedRecording(name(), new MergedRecordedSource(parts), sensors, rig, last,
                parts.stream().<org.avfusion.drivers.pool.BufferPool<?>>map(FrameFolderSource::pool).toList(), notes,
                List.of(health));
    }

    private static Rig readRig(Path parent, List<String> notes) throws RecordingFormatException {
        if (parent == null || !Files.isRegularFile(parent.resolve(KittiRawCalibration.CAM_TO_CAM))) {
            notes.add("no KITTI calibration (" + KittiRawCalibration.CAM_TO_CAM + ") in " + parent
                    + ": give the rig with --rig");
            return null;
        }
        try {
            return KittiRawCalibration.read(parent).toRig("kitti");
        } catch (RuntimeException e) {
            throw new RecordingFormatException("KITTI calibration in " + parent + ": " + e.getMessage(), e);
        }
    }
}
