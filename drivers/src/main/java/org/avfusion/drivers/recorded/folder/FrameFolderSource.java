package org.avfusion.drivers.recorded.folder;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.pointcloud.io.PcdReader;
import org.avfusion.drivers.pointcloud.io.PointCloudFormatException;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.ImageFiles;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * A folder of per-frame files without timestamps, replayed at a nominal rate: frame {@code i} is stamped
 * {@code baseNanos + i * periodNanos} and arrives {@code arrivalDelayNanos} later (a lidar sweep is whole one sweep
 * after its first point; an image arrives at its stamp). {@code i} is the number in the file's name when every name
 * is a number ({@code 0000000007.bin} is frame 7, so a missing file leaves a gap in time, as the sensor's lost frame
 * did), else the file's position in name order.
 *
 * <ul>
 * <li>{@link #sweeps}: {@code .pcd} (read by {@link PcdReader}) or KITTI {@code .bin} (read by
 *     {@link KittiBinReader}, rings and times estimated as for KITTI raw) into a pooled {@link PointCloud}; a
 *     {@code .bin} sweep cut short at a point boundary, which its size cannot tell, shows fewer laser runs than a whole
 *     one ({@link KittiBinReader.LaserRunCheck}): how many a whole sweep shows is given (KITTI raw: the HDL-64E's 64)
 *     or learnt at open from a sample of the folder's sweeps ({@link #SWEEPS_SAMPLED_AT_OPEN});</li>
 * <li>{@link #images}: {@code .png} / {@code .jpg} decoded by OpenCV into a pooled {@link CameraImage} (BGR); or,
 *     asked not to decode pixels, a {@code .png}'s size from its header ({@link PngHeader}) into a frame without
 *     pixels ({@link CameraImage#hasPixels()} false; other formats are still decoded).</li>
 * </ul>
 *
 * <p>A file that cannot be read (a sweep cut short, an undecodable image) costs that frame only: it is counted in
 * {@link #health()} with the file and the reason, the sequence number still advances (so the gap shows), and the
 * replay goes on. A folder without a single such file is refused at {@link #sweeps}/{@link #images} with a
 * {@link RecordedDriveException} naming the folder and the extensions expected.
 *
 * <p>Not thread-safe: one replay thread. Pooled payloads belong to the sink once published.
 */
public final class FrameFolderSource implements RecordedSource {
    private static final List<String> SWEEP_EXTENSIONS = List.of(".pcd", ".bin");
    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private final Path folder;
    private final SensorId sensor;
    private final List<Path> files;
    private final long[] frameNumbers;
    private final long baseNanos;
    private final long periodNanos;
    private final long arrivalDelayNanos;
    private final RecordedHealth health;
    private final BufferPool<? extends Payload> pool;
    private final PcdReader pcd;
    private final KittiBinReader bin;
    /** The median points of this folder's {@code .pcd} sweeps sampled at open ({@link #medianPcdPoints}); 0: none. */
    private final int pcdMedianPoints;
    private final boolean decodePixels;
    private int next;
    /** The frame {@link #prepareUntil} read ahead (null: rejected) and its file index, or -1. */
    private Payload prepared;
    private int preparedAt = -1;

    private FrameFolderSource(Path folder, SensorId sensor, List<Path> files, long baseNanos, long periodNanos,
            long arrivalDelayNanos, RecordedHealth health, BufferPool<? extends Payload> pool, boolean decodePixels,
            KittiBinReader.LaserRunCheck runCheck) {
        this.folder = folder;
        this.decodePixels = decodePixels;
        this.sensor = sensor;
        this.files = files;
        this.frameNumbers = frameNumbers(files);
        this.baseNanos = baseNanos;
        this.periodNanos = periodNanos;
        this.arrivalDelayNanos = arrivalDelayNanos;
        this.health = health;
        this.pool = pool;
        this.pcd = sensor.kind() == SensorKind.LIDAR ? new PcdReader() : null;
        this.bin = sensor.kind() == SensorKind.LIDAR ? new KittiBinReader(KittiBinReader.Options.DEFAULT, runCheck)
                : null;
        this.pcdMedianPoints = sensor.kind() == SensorKind.LIDAR ? medianPcdPoints(files) : 0;
    }

    /**
     * The sweeps of {@code folder} ({@code *.pcd}, or else {@code *.bin}), one every {@code periodNanos}, each
     * arriving one period after its stamp. A {@code .bin} sweep with fewer laser runs than most of the folder's show
     * is rejected as cut short ({@link #laserRunsOfMostSweeps}).
     *
     * @param maxPoints most points a sweep may hold; @param buffers pooled clouds
     * @throws RecordedDriveException when the folder has no sweep file
     */
    public static FrameFolderSource sweeps(Path folder, SensorId lidar, long baseNanos, long periodNanos,
            int maxPoints, int buffers, RecordedHealth health) throws RecordedDriveException {
        return sweeps(folder, lidar, baseNanos, periodNanos, maxPoints, buffers, health, null);
    }

    /**
     * As {@link #sweeps(Path, SensorId, long, long, int, int, RecordedHealth)}, a {@code .bin} sweep that fails
     * {@code runCheck} rejected as cut short (a KITTI raw drive's: {@link KittiBinReader.LaserRunCheck#HDL64}).
     *
     * @param runCheck the laser runs of a whole sweep, or null to learn them from the folder
     */
    public static FrameFolderSource sweeps(Path folder, SensorId lidar, long baseNanos, long periodNanos,
            int maxPoints, int buffers, RecordedHealth health, KittiBinReader.LaserRunCheck runCheck)
            throws RecordedDriveException {
        requireKind(lidar, SensorKind.LIDAR);
        List<Path> files = list(folder, SWEEP_EXTENSIONS, health);
        boolean pcd = files.stream().anyMatch(f -> name(f).endsWith(".pcd"));
        files = files.stream().filter(f -> name(f).endsWith(pcd ? ".pcd" : ".bin")).toList();
        KittiBinReader.LaserRunCheck runs = pcd ? KittiBinReader.LaserRunCheck.NONE
                : runCheck != null ? runCheck : laserRunsOfMostSweeps(files);
        // no pooled cloud needs more points than the largest sweep file holds (a .bin's size / 16 bytes, a .pcd's
        // POINTS), so the pool's clouds are that large, not maxPoints (KITTI HDL-64E folders: 121,000-129,000 points
        // against 150,000 for .bin and 200,000 for .pcd, 0.5-1.7 MB less per cloud); a file that cannot be sized
        // leaves maxPoints, and a file that changed since is still checked against the cloud's capacity when read
        int capacity = (int) Math.min(maxPoints, Math.max(1, pcd ? largestPcd(files, maxPoints)
                : largestBytes(files) / KittiBinReader.POINT_BYTES));
        BufferPool<PointCloud> pool = new BufferPool<>(lidar.name() + ".clouds." + folder.getFileName(),
                () -> new PointCloud(capacity), 0, buffers);
        return new FrameFolderSource(folder, lidar, files, baseNanos, checkPeriod(periodNanos), periodNanos, health,
                pool, true, runs);
    }

    /** How many {@code .bin} sweeps spread over a folder are sized up at open to learn a whole sweep's laser runs. */
    static final int SWEEPS_SAMPLED_AT_OPEN = 9;

    /**
     * The laser-run check for a folder of {@code .bin} sweeps of an unknown sensor: the run count that more than half
     * of {@link #SWEEPS_SAMPLED_AT_OPEN} sweeps spread over the folder (first and last included) show, one fewer
     * still accepted ({@link KittiBinReader.LaserRunCheck#mostSweepsShow}); no check where no count has such a
     * majority (a folder of one or two sweeps that differ, sweeps not stored laser by laser). A folder whose every
     * sweep shows the same count is therefore never flagged. Reads up to 9 sweeps (about 16 MB for HDL-64E sweeps) at
     * open; sweeps that cannot be read are left out of the vote and reported when replayed.
     */
    static KittiBinReader.LaserRunCheck laserRunsOfMostSweeps(List<Path> files) {
        List<Path> sampled = sampledAtOpen(files);
        KittiBinReader counter = new KittiBinReader(KittiBinReader.Options.DEFAULT);
        int[] runs = new int[sampled.size()];
        int counted = 0;
        for (Path file : sampled) {
            int r = counter.countLaserRuns(file);
            if (r >= 0) {
                runs[counted++] = r;
            }
        }
        for (int i = 0; i < counted; i++) {
            int same = 0;
            for (int j = 0; j < counted; j++) {
                same += runs[j] == runs[i] ? 1 : 0;
            }
            if (2 * same > counted) {
                return KittiBinReader.LaserRunCheck.mostSweepsShow(runs[i]);
            }
        }
        return KittiBinReader.LaserRunCheck.NONE;
    }

    /** Up to {@link #SWEEPS_SAMPLED_AT_OPEN} of {@code files}, spread evenly over them, the first and last included. */
    static List<Path> sampledAtOpen(List<Path> files) {
        int samples = Math.min(SWEEPS_SAMPLED_AT_OPEN, files.size());
        List<Path> sampled = new java.util.ArrayList<>(samples);
        for (int k = 0; k < samples; k++) {
            sampled.add(files.get(samples == 1 ? 0 : (int) ((long) k * (files.size() - 1) / (samples - 1))));
        }
        return sampled;
    }

    /** A {@code .pcd} sweep with fewer than 1/this of the median points of the sweeps sampled at open is partial. */
    static final int PARTIAL_SWEEP_FRACTION = 4;

    /**
     * The median POINTS of {@link #SWEEPS_SAMPLED_AT_OPEN} {@code .pcd} headers spread over {@code files} (first and
     * last included): a sweep read with fewer than a quarter ({@link #PARTIAL_SWEEP_FRACTION}) of it is counted as
     * a partial sweep and skipped, as a {@code .bin} sweep short of laser runs is; 0 (no check) for {@code .bin} folders, which have their laser-run check,
     * and where fewer than three headers can be read (with one or two sweeps, which of them is whole is not known).
     * PCD sweeps carry no laser order, so a sweep cut short shows only in its size: a KITTI HDL-64E sweep has
     * 115,000-130,000 points, a sweep of under a quarter of that is a fragment, while the spread of whole sweeps
     * (open country against a street canyon) stays well within a factor of four, so a folder whose sweeps are all
     * alike is never flagged.
     */
    static int medianPcdPoints(List<Path> files) {
        if (files.isEmpty() || !name(files.get(0)).endsWith(".pcd")) {
            return 0;
        }
        List<Path> sampled = sampledAtOpen(files);
        int[] points = new int[sampled.size()];
        int counted = 0;
        for (Path file : sampled) {
            int p = PcdReader.pointsInHeader(file);
            if (p >= 0) {
                points[counted++] = p;
            }
        }
        if (counted < 3) {
            return 0;
        }
        int[] sorted = Arrays.copyOf(points, counted);
        Arrays.sort(sorted);
        return sorted[counted / 2];
    }

    /** {@code points} to the nearest thousand from 10,000 up, for messages. */
    private static long about(int points) {
        return points < 10_000 ? points : Math.round(points / 1000.0) * 1000;
    }

    /**
     * PCD folders of up to this many sweeps have their headers read at open to size the pooled clouds (a read of 4 KiB
     * each: 0.1-0.3 s for 3,000 files in the page cache); a longer drive keeps the limit rather than open every file
     * of an hour's folder before its first frame.
     */
    static final int PCD_HEADERS_READ_AT_OPEN = 4096;

    /**
     * The most POINTS of {@code files}' PCD headers, or {@code unknown} when one of them cannot be read or there are
     * more than {@link #PCD_HEADERS_READ_AT_OPEN}.
     */
    private static long largestPcd(List<Path> files, int unknown) {
        if (files.size() > PCD_HEADERS_READ_AT_OPEN) {
            return unknown;
        }
        long largest = 0;
        for (Path f : files) {
            int points = PcdReader.pointsInHeader(f);
            if (points < 0) {
                return unknown; // reported when the sweep is read
            }
            largest = Math.max(largest, points);
        }
        return largest;
    }

    /** The size of the largest of {@code files}, 0 for none or where none can be read (the reads report it). */
    private static long largestBytes(List<Path> files) {
        long largest = 0;
        for (Path f : files) {
            try {
                largest = Math.max(largest, Files.size(f));
            } catch (IOException e) {
                // reported when the sweep is read
            }
        }
        return largest;
    }

    /**
     * The images of {@code folder} ({@code *.png}, {@code *.jpg}), one every {@code periodNanos}, each arriving at
     * its stamp.
     *
     * @throws RecordedDriveException when the folder has no image file
     */
    public static FrameFolderSource images(Path folder, SensorId camera, long baseNanos, long periodNanos,
            int maxWidthPixels, int maxHeightPixels, int buffers, RecordedHealth health)
            throws RecordedDriveException {
        return images(folder, camera, baseNanos, periodNanos, maxWidthPixels, maxHeightPixels, buffers, health, true);
    }

    /**
     * As {@link #images(Path, SensorId, long, long, int, int, int, RecordedHealth)}; with {@code decodePixels}
     * false, a {@code .png}'s frame carries the size from its header and no pixels (a file that is not a PNG or has
     * a bad IHDR is counted as {@link RejectReason#UNREADABLE_FILE}); {@code .jpg} files are decoded either way.
     */
    public static FrameFolderSource images(Path folder, SensorId camera, long baseNanos, long periodNanos,
            int maxWidthPixels, int maxHeightPixels, int buffers, RecordedHealth health, boolean decodePixels)
            throws RecordedDriveException {
        requireKind(camera, SensorKind.CAMERA);
        List<Path> files = list(folder, IMAGE_EXTENSIONS, health);
        BufferPool<CameraImage> pool = new BufferPool<>(camera.name() + ".images." + folder.getFileName(),
                () -> new CameraImage(maxWidthPixels, maxHeightPixels), 0, buffers);
        return new FrameFolderSource(folder, camera, files, baseNanos, checkPeriod(periodNanos), 0, health, pool,
                decodePixels, KittiBinReader.LaserRunCheck.NONE);
    }

    /** Whether {@code folder} holds at least one file with one of the sweep extensions. */
    public static boolean hasSweeps(Path folder) {
        return count(folder, SWEEP_EXTENSIONS) > 0;
    }

    /** Whether {@code folder} holds at least one image file. */
    public static boolean hasImages(Path folder) {
        return count(folder, IMAGE_EXTENSIONS) > 0;
    }

    private static long count(Path folder, List<String> extensions) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> Files.isRegularFile(f) && extensions.stream().anyMatch(name(f)::endsWith)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long checkPeriod(long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("periodNanos must be > 0, was " + periodNanos);
        }
        return periodNanos;
    }

    private static void requireKind(SensorId sensor, SensorKind kind) {
        Objects.requireNonNull(sensor, "sensor");
        if (sensor.kind() != kind) {
            throw new IllegalArgumentException("sensor " + sensor + " is a " + sensor.kind() + ", not a " + kind);
        }
    }

    private static String name(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    private static List<Path> list(Path folder, List<String> extensions, RecordedHealth health)
            throws RecordedDriveException {
        if (!Files.isDirectory(folder)) {
            health.reject(RejectReason.MISSING_FOLDER, folder + ": folder not found");
            throw new RecordedDriveException(folder, RecordedDriveException.NO_OFFSET, "folder not found");
        }
        List<Path> files;
        List<Path> folders;
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> named = s.filter(f -> extensions.stream().anyMatch(name(f)::endsWith)).sorted().toList();
            files = named.stream().filter(Files::isRegularFile).toList();
            folders = named.stream().filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new RecordedDriveException(folder, RecordedDriveException.NO_OFFSET, "cannot list: " + e, e);
        }
        // a folder named like a frame stands where a frame's file should be: counted, so the gap is not silent
        for (Path f : folders) {
            health.reject(RejectReason.MISSING_FILE, f + ": is a folder, not a " + String.join(" or ", extensions)
                    + " file: skipped");
        }
        if (files.isEmpty()) {
            String reason = "no " + String.join(" or ", extensions) + " files";
            health.reject(RejectReason.MISSING_FILE, folder + ": " + reason);
            throw new RecordedDriveException(folder, RecordedDriveException.NO_OFFSET, reason);
        }
        return files;
    }

    private static long[] frameNumbers(List<Path> files) {
        long[] numbers = new long[files.size()];
        for (int i = 0; i < numbers.length; i++) {
            String stem = files.get(i).getFileName().toString();
            int dot = stem.lastIndexOf('.');
            stem = dot > 0 ? stem.substring(0, dot) : stem;
            if (stem.isEmpty() || stem.length() > 15 || !stem.chars().allMatch(Character::isDigit)) {
                for (int k = 0; k < numbers.length; k++) {
                    numbers[k] = k;
                }
                return numbers;
            }
            numbers[i] = Long.parseLong(stem);
        }
        return numbers;
    }

    @Override
    public long nextArrivalNanos() {
        return next < files.size() ? stampOf(next) + arrivalDelayNanos : END;
    }

    private long stampOf(int i) {
        return baseNanos + frameNumbers[i] * periodNanos;
    }

    @Override
    public void emitNext(FrameSink sink) {
        if (next >= files.size()) {
            throw new IllegalStateException(describe() + " is exhausted");
        }
        int i = next++;
        Payload payload = preparedAt == i ? prepared : read(i);
        prepared = null;
        preparedAt = -1;
        if (payload != null && sink.publish(new FrameHeader(sensor, stampOf(i), frameNumbers[i]), payload)) {
            health.framePublished(sensor);
        }
    }

    @Override
    public void preallocateBuffers(int buffersPerStream) {
        RecordedSource.super.preallocateBuffers(buffersPerStream);
        pool.preallocate(buffersPerStream);
        if (bin != null && buffersPerStream > 0 && files.stream().anyMatch(f -> name(f).endsWith(".bin"))) {
            // the reader's file bytes and directions too, for the largest sweep (its first read grew them)
            bin.reserve((int) Math.min(Integer.MAX_VALUE - 16, largestBytes(files)));
        }
    }

    /**
     * Reads the next file now if it arrives by {@code horizonNanos} (a paced replay calls this before it waits; only the
     * next file is read ahead; merged folders each read their own), as a sensor's frame is
     * complete when it arrives. The payload is this source's until {@link #emitNext} publishes it or {@link #close}
     * gives it back.
     */
    @Override
    public void prepareUntil(long horizonNanos) {
        if (next >= files.size() || preparedAt == next || nextArrivalNanos() > horizonNanos) {
            return;
        }
        prepared = read(next);
        preparedAt = next;
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

    /** File {@code i} read into a pooled buffer, or null when it is rejected (counted). */
    private Payload read(int i) {
        Path file = files.get(i);
        return sensor.kind() == SensorKind.LIDAR ? readSweep(file) : readImage(file);
    }

    private PointCloud readSweep(Path file) {
        PointCloud cloud = (PointCloud) pool.acquire();
        if (cloud == null) {
            health.reject(RejectReason.POOL_EXHAUSTED, file + ": all buffers of pool " + pool.name()
                    + " in use, frame lost");
            return null;
        }
        try {
            if (name(file).endsWith(".pcd")) {
                pcd.read(file, cloud);
                if ((long) cloud.size() * PARTIAL_SWEEP_FRACTION < pcdMedianPoints) {
                    cloud.release();
                    health.reject(RejectReason.MALFORMED, String.format(Locale.ROOT, "%s: %,d points where this "
                            + "folder's sweeps have about %,d: a partial sweep, skipped", file, cloud.size(),
                            about(pcdMedianPoints)));
                    return null;
                }
            } else {
                bin.read(file, cloud);
            }
            // whole one period after its first point, as it arrives: a PCD's points carry no times to say so
            cloud.declareCompleteAfterNanos((int) Math.min(arrivalDelayNanos, Integer.MAX_VALUE));
            return cloud;
        } catch (PointCloudFormatException e) {
            cloud.release();
            health.reject(switch (e.reason()) {
                case UNREADABLE -> RejectReason.UNREADABLE_FILE;
                case CAPACITY -> RejectReason.TOO_LARGE;
                case NON_FINITE, BAD_VALUE -> RejectReason.IMPOSSIBLE_VALUE;
                default -> RejectReason.MALFORMED;
            }, e.getMessage());
            return null;
        }
    }

    @SuppressWarnings("unchecked") // an image folder's pool holds camera images (see images(...))
    private CameraImage readImage(Path file) {
        return ImageFiles.read(file, decodePixels, (BufferPool<CameraImage>) pool, health);
    }

    /** Files to replay, in order. */
    public int frameCount() {
        return files.size();
    }

    /** Arrival of the last frame (vehicle clock). */
    public long lastArrivalNanos() {
        return stampOf(files.size() - 1) + arrivalDelayNanos;
    }

    public BufferPool<? extends Payload> pool() {
        return pool;
    }

    public RecordedHealth health() {
        return health;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%d %s files in %s at %.1f Hz", files.size(),
                sensor.kind() == SensorKind.LIDAR ? "sweep" : "image", folder, 1e9 / periodNanos);
    }
}
