package org.avfusion.drivers.pointcloud.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * A KITTI raw drive's Velodyne folder ({@code <drive>/velodyne_points}) as a {@link RecordedSource}: scan
 * {@code data/NNNNNNNNNN.bin} (10 digits) per line of {@code timestamps.txt}, one {@link PointCloud} frame each.
 *
 * <p><b>Time.</b> Stamps are the timestamps' wall-clock text ({@code 2011-09-26 13:02:25.964389445}) read as UTC,
 * in nanoseconds since the epoch, so all sensors of a drive share one time axis. The header stamp is the sweep
 * start ({@code timestamps_start.txt}; without it, {@code timestamps.txt} - 50 ms, as KITTI stamps the moment the
 * laser faces forward, half a 10 Hz sweep in), the arrival is the sweep end ({@code timestamps_end.txt}, else start
 * + 100 ms). Frames come in file order; the sequence number is the scan index, so a scan that could not be read
 * leaves a gap.
 *
 * <p><b>Bad input</b>: an unreadable or malformed timestamps file fails {@link #open} (start-up); a missing or bad
 * scan is counted in {@link #stats()} (the reader's per-reason counts, last error naming file and offset) and
 * skipped; a pool with no free cloud drops the scan and counts it. Nothing is thrown while replaying.
 *
 * <p>Not thread-safe: one replay thread. Each published cloud belongs to the sink (see the pool's ownership rule).
 */
public final class KittiRawSource implements RecordedSource {
    private static final long HALF_SWEEP_NANOS = KittiScanModel.SWEEP_NANOS / 2;

    /**
     * What the source did so far.
     *
     * @param framesPublished  scans published to the sink
     * @param poolExhausted    scans dropped because the pool had no free cloud
     * @param files            the scan reader's counts (accepted, rejected by reason, last error)
     */
    public record Stats(long framesPublished, long poolExhausted, PointCloudReadStats files) {
    }

    private final Path directory;
    private final SensorId sensor;
    private final BufferPool<PointCloud> pool;
    private final KittiBinReader reader;
    private final long[] startNanos;
    private final long[] arrivalNanos;
    private int next;
    private long published;
    private long exhausted;

    private KittiRawSource(Path directory, SensorId sensor, BufferPool<PointCloud> pool, KittiBinReader reader,
            long[] startNanos, long[] arrivalNanos) {
        this.directory = directory;
        this.sensor = sensor;
        this.pool = pool;
        this.reader = reader;
        this.startNanos = startNanos;
        this.arrivalNanos = arrivalNanos;
    }

    /**
     * Opens {@code velodyneDir}, reading its timestamp files (the scans are read one by one while replaying).
     *
     * @param pool clouds large enough for one scan (about 130,000 points for the HDL-64E)
     * @throws PointCloudFormatException when {@code timestamps.txt} is missing or a timestamp line is malformed,
     *                                   naming the file and the line's byte offset; or when the start/end files do
     *                                   not have one line per scan
     */
    public static KittiRawSource open(Path velodyneDir, SensorId sensor, BufferPool<PointCloud> pool,
            KittiBinReader.Options options) throws PointCloudFormatException {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(pool, "pool");
        long[] forward = readStamps(velodyneDir.resolve("timestamps.txt"), true);
        long[] start = readStamps(velodyneDir.resolve("timestamps_start.txt"), false);
        long[] end = readStamps(velodyneDir.resolve("timestamps_end.txt"), false);
        if (start == null) {
            start = new long[forward.length];
            for (int i = 0; i < forward.length; i++) {
                start[i] = forward[i] - HALF_SWEEP_NANOS;
            }
        }
        checkLines(velodyneDir.resolve("timestamps_start.txt"), start, forward.length);
        if (end == null) {
            end = new long[forward.length];
            for (int i = 0; i < forward.length; i++) {
                end[i] = start[i] + KittiScanModel.SWEEP_NANOS;
            }
        }
        checkLines(velodyneDir.resolve("timestamps_end.txt"), end, forward.length);
        return new KittiRawSource(velodyneDir, sensor, pool, new KittiBinReader(options), start, end);
    }

    private static void checkLines(Path file, long[] stamps, int expected) throws PointCloudFormatException {
        if (stamps.length != expected) {
            throw new PointCloudFormatException(file.toString(), -1, "timestamps", RejectReason.SIZE_MISMATCH,
                    stamps.length + " lines, timestamps.txt has " + expected);
        }
    }

    private static long[] readStamps(Path file, boolean required) throws PointCloudFormatException {
        if (!required && !Files.exists(file)) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PointCloudFormatException(file.toString(), -1, "", RejectReason.UNREADABLE,
                    "cannot read KITTI timestamps: " + e);
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        long[] stamps = new long[16];
        int count = 0;
        int offset = 0;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty()) {
                if (count == stamps.length) {
                    stamps = java.util.Arrays.copyOf(stamps, count * 2);
                }
                stamps[count++] = parseStamp(trimmed, file, offset);
            }
            offset += line.length() + 1;
        }
        return java.util.Arrays.copyOf(stamps, count);
    }

    /** Parses {@code 2011-09-26 13:02:25.964389445} (UTC) to nanoseconds since the epoch. */
    static long parseStamp(String text, Path file, long offset) throws PointCloudFormatException {
        try {
            int dot = text.indexOf('.');
            String seconds = dot < 0 ? text : text.substring(0, dot);
            String fraction = dot < 0 ? "" : text.substring(dot + 1);
            if (fraction.length() > 9 || !fraction.chars().allMatch(Character::isDigit)) {
                throw new DateTimeParseException("bad fraction of a second", text, Math.max(dot, 0));
            }
            long epochSecond = LocalDateTime.parse(seconds.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
            long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
            return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000_000L), nanos);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new PointCloudFormatException(file.toString(), offset, "timestamp", RejectReason.BAD_VALUE,
                    "'" + PcdHeaderParser.abbreviate(text) + "' is not a time like 2011-09-26 13:02:25.964389445");
        }
    }

    /** Scans listed in {@code timestamps.txt}. */
    public int scanCount() {
        return startNanos.length;
    }

    @Override
    public long nextArrivalNanos() {
        return next < arrivalNanos.length ? arrivalNanos[next] : END;
    }

    @Override
    public void emitNext(FrameSink sink) {
        if (next >= startNanos.length) {
            throw new IllegalStateException(describe() + " is exhausted");
        }
        int index = next++;
        PointCloud cloud = pool.acquire();
        if (cloud == null) {
            exhausted++;
            return;
        }
        Path file = directory.resolve("data").resolve(String.format("%010d.bin", index));
        try {
            reader.read(file, cloud);
        } catch (PointCloudFormatException e) {
            cloud.release();
            return;
        }
        published++;
        sink.publish(new FrameHeader(sensor, startNanos[index], index), cloud);
    }

    /** Counts so far. */
    public Stats stats() {
        return new Stats(published, exhausted, reader.stats());
    }

    @Override
    public String describe() {
        double seconds = startNanos.length == 0 ? 0 : (arrivalNanos[arrivalNanos.length - 1] - startNanos[0]) / 1e9;
        return String.format("KITTI raw velodyne %s (%d scans, %.1f s)", directory, startNanos.length, seconds);
    }
}
