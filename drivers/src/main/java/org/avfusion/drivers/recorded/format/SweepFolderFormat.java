package org.avfusion.drivers.recorded.format;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.folder.FrameFolderSource;

/**
 * A folder of lidar sweeps, {@code *.pcd} or KITTI {@code *.bin}, without timestamps: replayed in name order at the
 * request's rate as the request's LIDAR sensor. Has no calibration of its own (the rig comes from {@code --rig} or
 * the profile) and no ego motion.
 */
public final class SweepFolderFormat implements RecordingFormat {
    @Override
    public String name() {
        return "sweeps";
    }

    @Override
    public String expects() {
        return "a folder of lidar sweeps: *.pcd or KITTI *.bin files";
    }

    @Override
    public boolean recognizes(Path path) {
        return Files.isDirectory(path) && FrameFolderSource.hasSweeps(path);
    }

    @Override
    public RecordingSource open(Path path, RecordingRequest request) throws RecordingFormatException {
        RecordingPaths.requireFolderIfExists(path, expects());
        SensorId lidar = request.sensor(SensorKind.LIDAR);
        RecordedHealth health = new RecordedHealth(path.toString());
        FrameFolderSource sweeps;
        try {
            sweeps = FrameFolderSource.sweeps(path, lidar, 0, request.periodNanos(), 200_000,
                    Math.max(2, request.cloudBuffers()), health);
        } catch (RecordedDriveException e) {
            throw new RecordingFormatException(e.getMessage() + " (expected " + expects() + ")", e);
        }
        List<String> notes = List.of(String.format(Locale.ROOT, "%s: sweeps have no timestamps: replayed at %.1f Hz",
                path, request.rateHz()), path + ": lidar only: the recording has no ego motion (GNSS/IMU)");
        return new OpenedRecording(name(), sweeps, List.of(lidar), null, sweeps.lastArrivalNanos(),
                List.of(sweeps.pool()), notes, List.of(health));
    }
}
