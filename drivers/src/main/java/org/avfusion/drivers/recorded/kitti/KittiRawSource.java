package org.avfusion.drivers.recorded.kitti;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.pointcloud.io.KittiScanModel;
import org.avfusion.drivers.pointcloud.io.PointCloudFormatException;
import org.avfusion.drivers.pointcloud.io.PointCloudReadStats;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.ImageFiles;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * A KITTI raw drive folder ({@code 2011_09_26_drive_0001_sync}) as a {@link RecordedSource}.
 *
 * <p>Streams, each paired line by line with its timestamps file (line {@code i} belongs to data file
 * {@code i}, zero-padded to ten digits):
 * <ul>
 * <li>{@code oxts/data/*.txt} with {@code oxts/timestamps.txt}: one {@link org.avfusion.drivers.frame.GnssFix}
 *     and one {@link org.avfusion.drivers.frame.ImuSample} per record (see {@link OxtsRecord});</li>
 * <li>{@code image_02/data/*.png} with {@code image_02/timestamps.txt}: read with OpenCV {@code imread} into a
 *     pooled {@link CameraImage} (BGR); with {@link KittiRawConfig#decodeImagePixels()} false, only the PNG's
 *     header is read ({@link PngHeader}: signature and IHDR with its CRC) and the frame carries its size without
 *     pixels ({@link CameraImage#hasPixels()} false); a file that is not a PNG or has a bad IHDR is still counted
 *     as {@link RejectReason#UNREADABLE_FILE}, damage after the IHDR goes unnoticed;</li>
 * <li>{@code velodyne_points/data/*.bin} (float32 x, y, z, reflectance, little-endian) read by
 *     {@link KittiBinReader} into a pooled {@link PointCloud}, with each point's ring and time offset as
 *     {@link KittiRawConfig#scanOptions()} asks (by default estimated from the scan order and the azimuth, see
 *     {@link KittiScanModel}). A scan is stamped at its sweep start, {@code velodyne_points/timestamps_start.txt}
 *     (the laser facing backwards; without that file {@code timestamps.txt}, the laser facing forwards, minus half
 *     a 10 Hz sweep), and arrives at its sweep end, {@code timestamps_end.txt} (without it, or where its line does
 *     not parse, the start plus one sweep): a scan is whole only once the sweep is done. A missing {@code data}
 *     folder (KITTI samples often ship timestamps only) skips the stream with one counted
 *     {@link RejectReason#MISSING_FOLDER} message.</li>
 * </ul>
 * KITTI records no transport latency, so OXTS records and images arrive at their capture stamp, scans at their
 * sweep end; frames with equal arrival times arrive in the order GNSS, IMU, camera, lidar. Timestamps map onto the
 * vehicle clock through the configured {@link RecordedTimeBase} (by default the earliest stamp of any replayed
 * stream is vehicle time 0). Sequence numbers count each sensor's published frames from 0, without gaps.
 *
 * <p>Timestamps are read at {@link #open}; data files are read as their frame is emitted. A missing or bad data
 * file, or a bad timestamp line, costs that frame only: it is counted in {@link #health()} with the file and line
 * or field (for a scan, the byte offset: see {@link #scanStats()}), and the replay goes on. So does a stamp out of
 * its stream's order ({@link RejectReason#OUT_OF_ORDER}, naming the line and the stamp it contradicts: time only
 * moves forward, and the time base and the recording's span come from the stamps kept), a data file past the last
 * line of its timestamps file ({@link RejectReason#MALFORMED}: it cannot be timed) and a scan cut short
 * ({@link KittiRawConfig#laserRunCheck()}: fewer laser runs than the HDL-64E's 64). Not thread-safe: one replay
 * thread. Pooled payloads belong to the sink once published; {@link #imagePool()} and {@link #cloudPool()} hold
 * them all again once every sink has released them.
 */
public final class KittiRawSource implements RecordedSource {
    private static final int GNSS = 0;
    private static final int IMU = 1;
    private static final int CAMERA = 2;
    private static final int LIDAR = 3;
    private static final long HALF_SWEEP_NANOS = KittiScanModel.SWEEP_NANOS / 2;

    private final Path driveDir;
    private final KittiRawConfig config;
    private final RecordedHealth health;
    private final SensorId[] sensors;
    private final Path[] dataDirs;
    private final String[] extensions = {".txt", ".txt", ".png", ".bin"};
    private final long[] stampsNanos;
    private final long[] arrivalsNanos;
    private final byte[] streams;
    private final int[] indices;
    private final long[] utcMillis;
    private final long[] sequences = new long[4];
    private final int[] planned = new int[4];
    private final BufferPool<CameraImage> imagePool;
    private final BufferPool<PointCloud> cloudPool;
    /** The frame {@link #prepareUntil} read ahead (null: rejected) and its position in the merged order, or -1. */
    private Payload prepared;
    private int preparedAt = -1;
    private final RecordedTimeBase timeBase;
    private int next;
    private int cachedOxtsIndex = -1;
    private OxtsRecord cachedOxts;
    private final KittiBinReader scanReader;

    /**
     * @param stamps   per stream, the capture stamp of each data file ({@link Long#MIN_VALUE}: no frame)
     * @param arrivals per stream, the arrival time of each data file, or null where it is the capture stamp
     */
    private KittiRawSource(Path driveDir, KittiRawConfig config, RecordedHealth health, Path[] dataDirs,
            List<long[]> stamps, List<long[]> arrivals, RecordedTimeBase timeBase) {
        this.driveDir = driveDir;
        this.config = config;
        this.health = health;
        this.sensors = new SensorId[] {config.gnss(), config.imu(), config.camera(), config.lidar()};
        this.dataDirs = dataDirs;
        this.timeBase = timeBase;
        this.scanReader = new KittiBinReader(config.scanOptions(), config.laserRunCheck());
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
            long[] arrival = arrivals.get(s);
            for (int i = 0; i < stream.length; i++) {
                if (stream[i] != Long.MIN_VALUE) {
                    keyed[k++] = new long[] {arrival == null ? stream[i] : arrival[i], s, i, stream[i]};
                }
            }
        }
        Arrays.sort(keyed, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
        stampsNanos = new long[total];
        arrivalsNanos = new long[total];
        streams = new byte[total];
        indices = new int[total];
        for (int i = 0; i < total; i++) {
            arrivalsNanos[i] = timeBase.toVehicleNanos(keyed[i][0]);
            streams[i] = (byte) keyed[i][1];
            indices[i] = (int) keyed[i][2];
            stampsNanos[i] = timeBase.toVehicleNanos(keyed[i][3]);
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
        long[] oxtsStamps = wantOxts ? readStream(oxts, oxts.resolve("timestamps.txt"), ".txt", config, health)
                : new long[0];
        long[] imageStamps = config.camera() != null
                ? readStream(image, image.resolve("timestamps.txt"), ".png", config, health) : new long[0];
        long[] scanStamps = new long[0];
        long[] scanArrivals = new long[0];
        if (config.lidar() != null) {
            scanStamps = readSweepStarts(velodyne, config, health);
            if (scanStamps.length > 0 && !Files.isDirectory(dataDirs[LIDAR])) {
                health.reject(RejectReason.MISSING_FOLDER, dataDirs[LIDAR] + ": folder missing, "
                        + scanStamps.length + " scan timestamps have no scans; lidar " + config.lidar()
                        + " skipped");
                scanStamps = new long[0];
            }
            scanArrivals = readSweepEnds(velodyne, scanStamps, config, health);
        }
        List<long[]> stamps = List.of(config.gnss() != null ? oxtsStamps : new long[0],
                config.imu() != null ? oxtsStamps : new long[0], imageStamps, scanStamps);
        List<long[]> arrivals = Arrays.asList(null, null, null, scanArrivals);
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
        return new KittiRawSource(driveDir, config, health, dataDirs, stamps, arrivals,
                config.timeBase().resolve(first));
    }

    /** Sweep starts: {@code timestamps_start.txt}, else {@code timestamps.txt} (laser facing forward) - 50 ms. */
    private static long[] readSweepStarts(Path velodyne, KittiRawConfig config, RecordedHealth health) {
        Path start = velodyne.resolve("timestamps_start.txt");
        if (Files.isRegularFile(start) || !Files.isDirectory(velodyne)) {
            return readStream(velodyne, start, ".bin", config, health);
        }
        long[] stamps = readStream(velodyne, velodyne.resolve("timestamps.txt"), ".bin", config, health);
        for (int i = 0; i < stamps.length; i++) {
            if (stamps[i] != Long.MIN_VALUE) {
                stamps[i] -= HALF_SWEEP_NANOS;
            }
        }
        return stamps;
    }

    /** Sweep ends: {@code timestamps_end.txt} where present and parsed, else the start plus one sweep. */
    private static long[] readSweepEnds(Path velodyne, long[] starts, KittiRawConfig config, RecordedHealth health) {
        Path endFile = velodyne.resolve("timestamps_end.txt");
        long[] ends = starts.length > 0 && Files.isRegularFile(endFile)
                ? readStream(velodyne, endFile, null, config, health) : new long[0];
        long[] arrivals = new long[starts.length];
        for (int i = 0; i < starts.length; i++) {
            boolean known = i < ends.length && ends[i] != Long.MIN_VALUE;
            if (known && starts[i] != Long.MIN_VALUE && ends[i] < starts[i]) {
                health.reject(RejectReason.IMPOSSIBLE_VALUE, endFile + ":" + (i + 1) + ": sweep ends "
                        + (starts[i] - ends[i]) + " ns before it starts; taken as start + 100 ms");
                known = false;
            }
            arrivals[i] = known ? ends[i] : starts[i] + KittiScanModel.SWEEP_NANOS;
        }
        return arrivals;
    }

    /**
     * One entry per line of the timestamps file; {@link Long#MIN_VALUE} where the line does not parse. For a stream's
     * frames ({@code extension} not null) also {@link Long#MIN_VALUE}, counted {@link RejectReason#OUT_OF_ORDER}, for
     * a line out of order (see {@link #dropOutOfOrder}), and each data file of {@code folder/data} that has no line is
     * counted {@link RejectReason#MALFORMED} (the timestamps file is too short) and not replayed. A line whose data
     * file is missing stays a frame: its stamp says the sensor fired, so the file is counted missing when its turn
     * comes and the replay's time covers it, as for a file missing between others.
     */
    private static long[] readStream(Path folder, Path timestamps, String extension, KittiRawConfig config,
            RecordedHealth health) {
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
        if (extension != null) {
            Path data = folder.resolve("data");
            dropOutOfOrder(timestamps, lines, stamps, extension, health);
            rejectUntimedFiles(timestamps, stamps.length, data, extension, health);
        }
        return stamps;
    }

    /**
     * Sets to {@link Long#MIN_VALUE} and counts as {@link RejectReason#OUT_OF_ORDER} each stamp that is not after the
     * stamp kept before it, so that a stream's time only moves forward and one bad line neither plays its frame out
     * of order nor stretches the recording (the time base and the recording's span come from the stamps kept). Which
     * lines to keep: {@link KittiTimestamps#longestIncreasing} (a stamp set back, or one of a swapped pair, costs its
     * line; so does a stamp set forward, rather than every line after it). Each message names the file, the line, its
     * stamp and the stamp of the kept line it contradicts.
     */
    private static void dropOutOfOrder(Path timestamps, List<String> lines, long[] stamps, String extension,
            RecordedHealth health) {
        boolean[] kept = KittiTimestamps.longestIncreasing(stamps);
        int[] nextKept = new int[stamps.length];
        int following = -1;
        for (int i = stamps.length - 1; i >= 0; i--) {
            nextKept[i] = following;
            if (kept[i]) {
                following = i;
            }
        }
        int previous = -1;
        for (int i = 0; i < stamps.length; i++) {
            if (kept[i]) {
                previous = i;
                continue;
            }
            if (stamps[i] == Long.MIN_VALUE) {
                continue; // counted as MALFORMED already
            }
            String frame = String.format("%010d%s", i, extension);
            String stamp = "'" + KittiTimestamps.abbreviate(lines.get(i).strip()) + "'";
            String why;
            if (previous >= 0 && stamps[previous] >= stamps[i]) {
                why = stamp + " is not after line " + (previous + 1) + "'s '"
                        + KittiTimestamps.abbreviate(lines.get(previous).strip()) + "' (time going backwards)";
            } else {
                int next = nextKept[i];
                why = stamp + " is not before line " + (next + 1) + "'s '"
                        + KittiTimestamps.abbreviate(lines.get(next).strip()) + "', which follows it and is kept "
                        + "with the lines after it (a stamp out of order)";
            }
            health.reject(RejectReason.OUT_OF_ORDER, timestamps + ":" + (i + 1) + ": " + why + "; frame " + frame
                    + " skipped");
            stamps[i] = Long.MIN_VALUE;
        }
    }

    /** Counts each {@code data/NNNNNNNNNN<extension>} numbered past the timestamps file's last line: not replayed. */
    private static void rejectUntimedFiles(Path timestamps, int lineCount, Path data, String extension,
            RecordedHealth health) {
        if (!Files.isDirectory(data)) {
            return; // the stream's folder is reported missing where a frame needs it
        }
        List<Path> untimed;
        try (java.util.stream.Stream<Path> files = Files.list(data)) {
            untimed = files.filter(f -> frameIndex(f, extension) >= lineCount).sorted().toList();
        } catch (IOException e) {
            return; // each frame's file is read, and reported, on its own
        }
        for (Path file : untimed) {
            health.reject(RejectReason.MALFORMED, timestamps + ": " + lineCount + " lines, no line "
                    + (frameIndex(file, extension) + 1) + " to time " + file + ": frame skipped");
        }
    }

    /** The number of a KITTI data file, {@code 0000000007.bin} is 7, or -1 for another name. */
    private static long frameIndex(Path file, String extension) {
        String name = file.getFileName().toString();
        if (name.length() != 10 + extension.length() || !name.endsWith(extension) || !Files.isRegularFile(file)) {
            return -1;
        }
        for (int i = 0; i < 10; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(name.substring(0, 10));
    }

    @Override
    public long nextArrivalNanos() {
        return next < arrivalsNanos.length ? arrivalsNanos[next] : END;
    }

    /** The sweeps' clouds (an image's pixels are made on its first decode, outside the heap, either way). */
    @Override
    public void preallocateBuffers(int buffersPerStream) {
        RecordedSource.super.preallocateBuffers(buffersPerStream);
        cloudPool.preallocate(buffersPerStream);
    }

    /**
     * Reads the next frame's file now if it arrives by {@code horizonNanos} (a paced replay calls this before it waits;
     * only the next frame is read ahead): at real time the
     * file read and the image decoding then happen while the clock runs towards the arrival, as a sensor's frame is
     * complete when it arrives. The payload (a pooled buffer for images and sweeps) is this source's until
     * {@link #emitNext} publishes it or {@link #close} releases it.
     */
    @Override
    public void prepareUntil(long horizonNanos) {
        if (next >= stampsNanos.length || preparedAt == next || nextArrivalNanos() > horizonNanos) {
            return;
        }
        prepared = read(next);
        preparedAt = next;
    }

    @Override
    public void emitNext(FrameSink sink) {
        if (next >= stampsNanos.length) {
            throw new IllegalStateException("KITTI raw drive " + driveDir + " is exhausted");
        }
        int stream = streams[next];
        long stamp = stampsNanos[next];
        Payload payload = preparedAt == next ? prepared : read(next);
        prepared = null;
        preparedAt = -1;
        next++;
        if (payload == null) {
            return;
        }
        SensorId sensor = sensors[stream];
        if (sink.publish(new FrameHeader(sensor, stamp, sequences[stream]++), payload)) {
            health.framePublished(sensor);
        }
    }

    /** Frame {@code k} of the merged order read from its file, or null when it is rejected (counted). */
    private Payload read(int k) {
        int stream = streams[k];
        int index = indices[k];
        Path file = dataDirs[stream].resolve(String.format("%010d%s", index, extensions[stream]));
        return switch (stream) {
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
    }

    /** Gives back a frame read ahead and never published. */
    @Override
    public void close() {
        if (prepared instanceof PooledPayload pooled) {
            pooled.release();
        }
        prepared = null;
        preparedAt = -1;
    }

    private OxtsRecord oxts(Path file, int index) {
        if (index == cachedOxtsIndex) {
            return cachedOxts;
        }
        cachedOxtsIndex = index;
        cachedOxts = null;
        if (Files.isDirectory(file)) {
            health.reject(RejectReason.MISSING_FILE, file + ": is a folder, not an OXTS record (.txt)");
            return null;
        }
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
            health.reject(RejectReason.MISSING_FILE, file + (Files.isDirectory(file)
                    ? ": is a folder, not an image" : ": image missing"));
            return null;
        }
        return ImageFiles.read(file, config.decodeImagePixels(), imagePool, health);
    }

    private PointCloud readScan(Path file) {
        if (!Files.isRegularFile(file)) {
            health.reject(RejectReason.MISSING_FILE, file + (Files.isDirectory(file)
                    ? ": is a folder, not a sweep (.bin)" : ": scan missing"));
            return null;
        }
        PointCloud cloud = cloudPool.acquire();
        if (cloud == null) {
            health.reject(RejectReason.POOL_EXHAUSTED, file + ": all " + config.cloudBuffers() + " buffers of pool "
                    + cloudPool.name() + " in use, frame lost");
            return null;
        }
        try {
            scanReader.read(file, cloud);
            return cloud;
        } catch (PointCloudFormatException e) {
            cloud.release();
            health.reject(reasonOf(e), e.getMessage());
            return null;
        }
    }

    private static RejectReason reasonOf(PointCloudFormatException e) {
        return switch (e.reason()) {
            case UNREADABLE -> RejectReason.UNREADABLE_FILE;
            case CAPACITY -> RejectReason.TOO_LARGE;
            case NON_FINITE, BAD_VALUE -> RejectReason.IMPOSSIBLE_VALUE;
            default -> RejectReason.MALFORMED;
        };
    }

    /** The scan reader's counts: scans and points read, scans rejected per reason, the last error with its offset. */
    public PointCloudReadStats scanStats() {
        return scanReader.stats();
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
        double seconds = arrivalsNanos.length == 0 ? 0
                : (arrivalsNanos[arrivalsNanos.length - 1] - Arrays.stream(stampsNanos).min().getAsLong()) / 1e9;
        return String.format("KITTI raw drive %s (%d OXTS records, %d images, %d scans, %.1f s)",
                driveDir.getFileName(), Math.max(planned[GNSS], planned[IMU]), planned[CAMERA], planned[LIDAR],
                seconds);
    }
}
