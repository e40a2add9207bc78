package org.avfusion.drivers.recorded.kitti;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.recorded.OpenCvImages;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A KITTI raw drive folder ({@code 2011_09_26_drive_0001_sync}) as a {@link RecordedSource}.
 *
 * <p>Streams, each paired line by line with its timestamps file (line {@code i} belongs to data file
 * {@code i}, zero-padded to ten digits):
 * <ul>
 * <li>{@code oxts/data/*.txt} with {@code oxts/timestamps.txt}: one {@link org.avfusion.drivers.frame.GnssFix}
 *     and one {@link org.avfusion.drivers.frame.ImuSample} per record (see {@link OxtsRecord});</li>
 * <li>{@code image_02/data/*.png} with {@code image_02/timestamps.txt}: read with OpenCV {@code imread} into a
 *     pooled {@link CameraImage} (BGR);</li>
 * <li>{@code velodyne_points/data/*.bin} (float32 x, y, z, reflectance, little-endian) stamped with
 *     {@code velodyne_points/timestamps_start.txt} (the scan's first point; {@code timestamps.txt} if absent)
 *     into a pooled {@link PointCloud}. KITTI scans carry neither ring nor per-point time: both are 0. A missing
 *     {@code data} folder (KITTI samples often ship timestamps only) skips the stream with one counted
 *     {@link RejectReason#MISSING_FOLDER} message.</li>
 * </ul>
 * KITTI records no transport latency, so a frame arrives at its capture stamp; frames with equal stamps arrive in
 * the order GNSS, IMU, camera, lidar. Timestamps map onto the vehicle clock through the configured
 * {@link RecordedTimeBase} (by default the earliest stamp of any replayed stream is vehicle time 0).
 *
 * <p>Timestamps are read at {@link #open}; data files are read as their frame is emitted. A missing or bad data
 * file, or a bad timestamp line, costs that frame only: it is counted in {@link #health()} with the file and line
 * or field, and the replay goes on. Not thread-safe: one replay thread. Pooled payloads belong to the sink once
 * published; {@link #imagePool()} and {@link #cloudPool()} hold them all again once every sink has released them.
 */
public final class KittiRawSource implements RecordedSource {
    private static final int GNSS = 0;
    private static final int IMU = 1;
    private static final int CAMERA = 2;
    private static final int LIDAR = 3;
    private static final int VELODYNE_POINT_BYTES = 16;

    private final Path driveDir;
    private final KittiRawConfig config;
    private final RecordedHealth health;
    private final SensorId[] sensors;
    private final Path[] dataDirs;
    private final String[] extensions = {".txt", ".txt", ".png", ".bin"};
    private final long[] stampsNanos;
    private final byte[] streams;
    private final int[] indices;
    private final long[] utcMillis;
    private final long[] sequences = new long[4];
    private final int[] planned = new int[4];
    private final BufferPool<CameraImage> imagePool;
    private final BufferPool<PointCloud> cloudPool;
    private final RecordedTimeBase timeBase;
    private int next;
    private int cachedOxtsIndex = -1;
    private OxtsRecord cachedOxts;
    private ByteBuffer scanBytes = ByteBuffer.allocate(0);

    private KittiRawSource(Path driveDir, KittiRawConfig config, RecordedHealth health, Path[] dataDirs,
            List<long[]> stamps, RecordedTimeBase timeBase) {
        this.driveDir = driveDir;
        this.config = config;
        this.health = health;
        this.sensors = new SensorId[] {config.gnss(), config.imu(), config.camera(), config.lidar()};
        this.dataDirs = dataDirs;
        this.timeBase = timeBase;
        int total = 0;
        for (int s = 0; s < 4; s++) {
            for (long stamp : stamps.get(s)) {
                if (stamp != Long.MIN_VALUE) {
                    planned[s]++;
                }
            }
            total += planned[s];
        }
        long[][] keyed = new long[total][];
        int k = 0;
        for (int s = 0; s < 4; s++) {
            long[] stream = stamps.get(s);
            for (int i = 0; i < stream.length; i++) {
                if (stream[i] != Long.MIN_VALUE) {
                    keyed[k++] = new long[] {stream[i], s, i};
                }
            }
        }
        Arrays.sort(keyed, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
        stampsNanos = new long[total];
        streams = new byte[total];
        indices = new int[total];
        for (int i = 0; i < total; i++) {
            stampsNanos[i] = timeBase.toVehicleNanos(keyed[i][0]);
            streams[i] = (byte) keyed[i][1];
            indices[i] = (int) keyed[i][2];
        }
        long[] oxts = stamps.get(GNSS).length > 0 ? stamps.get(GNSS) : stamps.get(IMU);
        utcMillis = new long[oxts.length];
        for (int i = 0; i < oxts.length; i++) {
            utcMillis[i] = oxts[i] == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(oxts[i], 1_000_000L);
        }
        String name = driveDir.getFileName() == null ? driveDir.toString() : driveDir.getFileName().toString();
        String camera = config.camera() == null ? "camera" : config.camera().name();
        String lidar = config.lidar() == null ? "lidar" : config.lidar().name();
        imagePool = new BufferPool<>(camera + ".images." + name,
                () -> new CameraImage(config.maxImageWidthPixels(), config.maxImageHeightPixels()), 0,
                config.imageBuffers());
        cloudPool = new BufferPool<>(lidar + ".clouds." + name, () -> new PointCloud(config.maxCloudPoints()), 0,
                config.cloudBuffers());
    }

    /**
     * Opens a drive folder and reads its timestamps.
     *
     * @param health counts what was skipped; a folder or file the configured streams need but the drive lacks is
     *               counted here with its path
     * @throws RecordedDriveException when {@code driveDir} is not a folder or no configured stream has a single
     *                                frame (counted in {@code health} as well)
     */
    public static KittiRawSource open(Path driveDir, KittiRawConfig config, RecordedHealth health)
            throws RecordedDriveException {
        Objects.requireNonNull(driveDir, "driveDir");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(health, "health");
        if (!Files.isDirectory(driveDir)) {
            String reason = "KITTI raw drive folder not found";
            health.reject(RejectReason.MISSING_FOLDER, RecordedDriveException.describe(driveDir, -1, reason));
            throw new RecordedDriveException(driveDir, RecordedDriveException.NO_OFFSET, reason);
        }
        Path oxts = driveDir.resolve("oxts");
        Path image = driveDir.resolve("image_02");
        Path velodyne = driveDir.resolve("velodyne_points");
        Path[] dataDirs = {oxts.resolve("data"), oxts.resolve("data"), image.resolve("data"),
            velodyne.resolve("data")};
        boolean wantOxts = config.gnss() != null || config.imu() != null;
        long[] oxtsStamps = wantOxts ? readStream(oxts, oxts.resolve("timestamps.txt"), config, health) : new long[0];
        long[] imageStamps = config.camera() != null
                ? readStream(image, image.resolve("timestamps.txt"), config, health) : new long[0];
        long[] scanStamps = new long[0];
        if (config.lidar() != null) {
            Path start = velodyne.resolve("timestamps_start.txt");
            scanStamps = readStream(velodyne, Files.isRegularFile(start) ? start : velodyne.resolve("timestamps.txt"),
                    config, health);
            if (scanStamps.length > 0 && !Files.isDirectory(dataDirs[LIDAR])) {
                health.reject(RejectReason.MISSING_FOLDER, dataDirs[LIDAR] + ": folder missing, "
                        + scanStamps.length + " scan timestamps have no scans; lidar " + config.lidar()
                        + " skipped");
                scanStamps = new long[0];
            }
        }
        List<long[]> stamps = List.of(config.gnss() != null ? oxtsStamps : new long[0],
                config.imu() != null ? oxtsStamps : new long[0], imageStamps, scanStamps);
        long first = Long.MAX_VALUE;
        for (long[] stream : stamps) {
            for (long stamp : stream) {
                if (stamp != Long.MIN_VALUE) {
                    first = Math.min(first, stamp);
                }
            }
        }
        if (first == Long.MAX_VALUE) {
            String reason = "no frames: none of the configured streams (oxts, image_02, velodyne_points) has a "
                    + "readable timestamp";
            health.reject(RejectReason.MISSING_FILE, RecordedDriveException.describe(driveDir, -1, reason));
            throw new RecordedDriveException(driveDir, RecordedDriveException.NO_OFFSET, reason);
        }
        return new KittiRawSource(driveDir, config, health, dataDirs, stamps, config.timeBase().resolve(first));
    }

    /** One entry per line of the timestamps file; {@link Long#MIN_VALUE} where the line does not parse. */
    private static long[] readStream(Path folder, Path timestamps, KittiRawConfig config, RecordedHealth health) {
        if (!Files.isDirectory(folder)) {
            health.reject(RejectReason.MISSING_FOLDER, folder + ": folder missing, stream skipped");
            return new long[0];
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(timestamps, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            health.reject(RejectReason.MISSING_FILE, timestamps + ": file missing, stream skipped");
            return new long[0];
        } catch (IOException e) {
            health.reject(RejectReason.UNREADABLE_FILE, timestamps + ": " + e.getMessage() + ", stream skipped");
            return new long[0];
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        long[] stamps = new long[lines.size()];
        for (int i = 0; i < stamps.length; i++) {
            try {
                stamps[i] = KittiTimestamps.parseEpochNanos(lines.get(i), config.timestampZone());
            } catch (IllegalArgumentException e) {
                stamps[i] = Long.MIN_VALUE;
                health.reject(RejectReason.MALFORMED, timestamps + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return stamps;
    }

    @Override
    public long nextArrivalNanos() {
        return next < stampsNanos.length ? stampsNanos[next] : END;
    }

    @Override
    public void emitNext(FrameSink sink) {
        if (next >= stampsNanos.length) {
            throw new IllegalStateException("KITTI raw drive " + driveDir + " is exhausted");
        }
        int stream = streams[next];
        int index = indices[next];
        long stamp = stampsNanos[next];
        next++;
        Path file = dataDirs[stream].resolve(String.format("%010d%s", index, extensions[stream]));
        Payload payload = switch (stream) {
            case GNSS -> {
                OxtsRecord record = oxts(file, index);
                yield record == null ? null : record.toGnssFix(utcMillis[index]);
            }
            case IMU -> {
                OxtsRecord record = oxts(file, index);
                yield record == null ? null : record.toImuSample();
            }
            case CAMERA -> readImage(file);
            default -> readScan(file);
        };
        if (payload == null) {
            return;
        }
        SensorId sensor = sensors[stream];
        if (sink.publish(new FrameHeader(sensor, stamp, sequences[stream]++), payload)) {
            health.framePublished(sensor);
        }
    }

    private OxtsRecord oxts(Path file, int index) {
        if (index == cachedOxtsIndex) {
            return cachedOxts;
        }
        cachedOxtsIndex = index;
        cachedOxts = null;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            String line = lines.isEmpty() ? "" : lines.get(0);
            cachedOxts = OxtsRecord.parse(line);
        } catch (NoSuchFileException e) {
            health.reject(RejectReason.MISSING_FILE, file + ": OXTS record missing");
        } catch (IOException e) {
            health.reject(RejectReason.UNREADABLE_FILE, file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            health.reject(RejectReason.MALFORMED, file + ":1: " + e.getMessage());
        }
        return cachedOxts;
    }

    private CameraImage readImage(Path file) {
        if (!Files.isRegularFile(file)) {
            health.reject(RejectReason.MISSING_FILE, file + ": image missing");
            return null;
        }
        try (Mat mat = imread(file.toString(), IMREAD_COLOR)) {
            if (mat == null || mat.empty()) {
                health.reject(RejectReason.UNREADABLE_FILE, file + ": OpenCV cannot decode this image");
                return null;
            }
            CameraImage image = imagePool.acquire();
            if (image == null) {
                health.reject(RejectReason.POOL_EXHAUSTED, file + ": all " + config.imageBuffers()
                        + " buffers of pool " + imagePool.name() + " in use, frame lost");
                return null;
            }
            String whyNot = OpenCvImages.whyNotCopyable(mat, image);
            if (whyNot != null) {
                image.release();
                health.reject(RejectReason.TOO_LARGE, file + ": " + whyNot);
                return null;
            }
            OpenCvImages.copyBgr(mat, image);
            return image;
        }
    }

    private PointCloud readScan(Path file) {
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            if (size % VELODYNE_POINT_BYTES != 0) {
                health.reject(RejectReason.MALFORMED, file + ": " + size + " bytes is not a whole number of "
                        + VELODYNE_POINT_BYTES + "-byte points");
                return null;
            }
            if (size / VELODYNE_POINT_BYTES > config.maxCloudPoints()) {
                health.reject(RejectReason.TOO_LARGE, file + ": " + size / VELODYNE_POINT_BYTES
                        + " points, pooled clouds hold " + config.maxCloudPoints());
                return null;
            }
            if (scanBytes.capacity() < size) {
                scanBytes = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            }
            scanBytes.clear().limit((int) size);
            while (scanBytes.hasRemaining() && channel.read(scanBytes) >= 0) {
                // read until full or end of file
            }
        } catch (NoSuchFileException e) {
            health.reject(RejectReason.MISSING_FILE, file + ": scan missing");
            return null;
        } catch (IOException e) {
            health.reject(RejectReason.UNREADABLE_FILE, file + ": " + e.getMessage());
            return null;
        }
        if (scanBytes.hasRemaining()) {
            health.reject(RejectReason.UNREADABLE_FILE, file + "@" + scanBytes.position() + ": file shrank while read");
            return null;
        }
        PointCloud cloud = cloudPool.acquire();
        if (cloud == null) {
            health.reject(RejectReason.POOL_EXHAUSTED, file + ": all " + config.cloudBuffers() + " buffers of pool "
                    + cloudPool.name() + " in use, frame lost");
            return null;
        }
        ByteBuffer bytes = scanBytes.order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < size; at += VELODYNE_POINT_BYTES) {
            cloud.add(bytes.getFloat(at), bytes.getFloat(at + 4), bytes.getFloat(at + 8), bytes.getFloat(at + 12),
                    0, 0);
        }
        return cloud;
    }

    /** Counts of what was skipped and why. */
    public RecordedHealth health() {
        return health;
    }

    /** The pool camera frames come from. */
    public BufferPool<CameraImage> imagePool() {
        return imagePool;
    }

    /** The pool lidar frames come from. */
    public BufferPool<PointCloud> cloudPool() {
        return cloudPool;
    }

    /** Frames planned for {@code sensor} (one per readable timestamp), whether or not their data proves readable. */
    public int plannedFrames(SensorId sensor) {
        int total = 0;
        for (int s = 0; s < 4; s++) {
            if (sensor.equals(sensors[s])) {
                total += planned[s];
            }
        }
        return total;
    }

    /** The time base with its origin resolved: recorded time {@code originNanos()} is vehicle time {@code baseNanos()}. */
    public RecordedTimeBase timeBase() {
        return timeBase;
    }

    @Override
    public String describe() {
        double seconds = stampsNanos.length == 0 ? 0
                : (stampsNanos[stampsNanos.length - 1] - stampsNanos[0]) / 1e9;
        return String.format("KITTI raw drive %s (%d OXTS records, %d images, %d scans, %.1f s)",
                driveDir.getFileName(), Math.max(planned[GNSS], planned[IMU]), planned[CAMERA], planned[LIDAR],
                seconds);
    }
}
