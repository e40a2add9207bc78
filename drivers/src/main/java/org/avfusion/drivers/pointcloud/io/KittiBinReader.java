package org.avfusion.drivers.pointcloud.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;
import org.avfusion.drivers.frame.PointCloud;

/**
 * Reads KITTI Velodyne scans ({@code .bin}: per point four little-endian float32 x, y, z, reflectance; lidar frame
 * x forward, y left, z up, metres) into a pooled {@link PointCloud}. Intensity holds KITTI's reflectance unchanged
 * (0..1, not Velodyne's 0..255).
 *
 * <p>Ring and time come from {@link Options}: ring -1 (unknown) or derived from the scan order
 * ({@link KittiScanModel}); time offset 0 or estimated from the azimuth for a 10 Hz sweep that starts facing
 * backwards. Non-finite points follow the {@link NonFinitePolicy}.
 *
 * <p>Errors: an empty file (0 bytes: no sweep holds no point) and a file whose length is not a multiple of 16 bytes
 * (named with the offset of the partial point) are truncated; with a {@link LaserRunCheck}, so is a sweep that shows
 * fewer laser runs than a whole one (KITTI stores a sweep laser by laser, so a sweep cut short at a point boundary
 * lacks the lower lasers' runs: see {@link KittiScanModel}); a file with more points than the cloud holds is rejected
 * before anything is added; every rejection is a {@link PointCloudFormatException}, counted in {@link #stats()}.
 *
 * <p>Not thread-safe (one instance per reading thread); reuses its file buffer. The caller owns the (empty) cloud.
 */
public final class KittiBinReader {
    /** Bytes per point. */
    public static final int POINT_BYTES = 16;

    /** How a point's ring is filled. */
    public enum RingMode {
        /** -1 for every point. */
        UNKNOWN,
        /** {@link KittiScanModel}'s ring from scan order, -1 when the scan does not show 64 lasers. */
        FROM_SCAN_ORDER
    }

    /** How a point's time offset is filled. */
    public enum TimeMode {
        /** 0 for every point: the whole sweep at the header stamp. */
        ZERO,
        /** {@link KittiScanModel#timeOffsetNanos}: from the azimuth, 10 Hz, sweep starting at the rear. */
        AZIMUTH_10HZ
    }

    /**
     * @param ring      ring mode
     * @param time      time mode
     * @param nonFinite what to do with NaN/infinite values
     */
    public record Options(RingMode ring, TimeMode time, NonFinitePolicy nonFinite) {
        /** Rings from scan order, times from azimuth, non-finite points skipped. */
        public static final Options DEFAULT = new Options(RingMode.FROM_SCAN_ORDER, TimeMode.AZIMUTH_10HZ,
                NonFinitePolicy.SKIP_POINT);

        public Options {
            Objects.requireNonNull(ring, "ring");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(nonFinite, "nonFinite");
        }
    }

    /**
     * How many laser runs ({@link KittiScanModel.RunCounter}) a whole sweep shows: a sweep with fewer was cut short
     * and is rejected as {@link RejectReason#TRUNCATED}, naming "N of {@code expected} laser runs". More runs than
     * expected are no sign of a cut (the KITTI tracking sweeps of drive 0005 show 65: a last point that crosses
     * straight ahead again starts a run of its own).
     *
     * @param expected the runs a whole sweep shows, named in the message; 0 with {@code fewest} 0: no check
     * @param fewest   the fewest runs accepted, at most {@code expected}
     */
    public record LaserRunCheck(int expected, int fewest) {
        /** No check: any number of runs is accepted. */
        public static final LaserRunCheck NONE = new LaserRunCheck(0, 0);
        /** A KITTI HDL-64E sweep: all 64 lasers' runs, as every sweep of the KITTI raw and object data shows. */
        public static final LaserRunCheck HDL64 = new LaserRunCheck(KittiScanModel.HDL64_RINGS,
                KittiScanModel.HDL64_RINGS);

        public LaserRunCheck {
            if (expected < 0 || fewest < 0 || fewest > expected) {
                throw new IllegalArgumentException("need 0 <= fewest <= expected, was fewest " + fewest
                        + ", expected " + expected);
            }
        }

        /**
         * The check for a folder whose sweeps mostly show {@code runs} runs: one run fewer is still accepted (a sweep
         * without the stray last-point run others have), two fewer are a cut.
         */
        public static LaserRunCheck mostSweepsShow(int runs) {
            return new LaserRunCheck(runs, Math.max(0, runs - 1));
        }
    }

    /**
     * What one scan held.
     *
     * @param pointsRead             points added to the cloud
     * @param nonFinitePointsSkipped points left out
     * @param laserRuns              laser runs found in scan order (64 for an HDL-64E scan), 0 when rings were
     *                               not derived (even where a {@link LaserRunCheck} counted them)
     */
    public record Result(int pointsRead, int nonFinitePointsSkipped, int laserRuns) {
    }

    private final Options options;
    private final LaserRunCheck runCheck;
    private final ReadCounters counters = new ReadCounters();
    private final FileBuffer fileBuffer = new FileBuffer();
    private double[] azimuths = new double[0];

    /** A reader that accepts any number of laser runs ({@link LaserRunCheck#NONE}). */
    public KittiBinReader(Options options) {
        this(options, LaserRunCheck.NONE);
    }

    /** A reader that rejects a sweep with fewer laser runs than {@code runCheck} accepts. */
    public KittiBinReader(Options options, LaserRunCheck runCheck) {
        this.options = Objects.requireNonNull(options, "options");
        this.runCheck = Objects.requireNonNull(runCheck, "runCheck");
    }

    /**
     * The laser runs {@code file} shows, without reading it into a cloud or counting it in {@link #stats()}; -1
     * when it cannot be read, is empty or ends inside a point. For sizing up a folder's sweeps at open.
     */
    public int countLaserRuns(Path file) {
        int length;
        try {
            length = fileBuffer.readWhole(file);
        } catch (PointCloudFormatException e) {
            return -1;
        }
        if (length == 0 || length % POINT_BYTES != 0) {
            return -1;
        }
        ByteBuffer buf = ByteBuffer.wrap(fileBuffer.bytes(), 0, length).order(ByteOrder.LITTLE_ENDIAN);
        KittiScanModel.RunCounter counter = new KittiScanModel.RunCounter();
        int runs = 0;
        for (int at = 0; at < length; at += POINT_BYTES) {
            if (finite(buf, at)) {
                runs = counter.nextAzimuth(FdlibmAtan2.atan2(buf.getFloat(at + 4), buf.getFloat(at))) + 1;
            }
        }
        return runs;
    }

    /** Counts of scans accepted and rejected so far. */
    public PointCloudReadStats stats() {
        return counters.snapshot();
    }

    /**
     * Room for scan files of up to {@code fileBytes} bytes now (the file's bytes and a direction per point), so that
     * the first such file read allocates nothing: a replay calls it before its clock.
     *
     * @throws IllegalArgumentException unless {@code fileBytes} is in [0, 2^31 - 17]
     */
    public void reserve(int fileBytes) {
        fileBuffer.reserve(fileBytes);
        int points = fileBytes / POINT_BYTES;
        if (azimuths.length < points) {
            azimuths = new double[points];
        }
    }

    /** Reads one scan file into {@code into} (empty, with room for it). */
    public Result read(Path file, PointCloud into) throws PointCloudFormatException {
        int length;
        try {
            length = fileBuffer.readWhole(file);
        } catch (PointCloudFormatException e) {
            throw reject(e);
        }
        return read(fileBuffer.bytes(), length, file.toString(), into);
    }

    /** Reads one scan held in {@code bytes[0, length)}; {@code source} names it in messages. */
    public Result read(byte[] bytes, int length, String source, PointCloud into) throws PointCloudFormatException {
        if (into.size() != 0) {
            throw new IllegalArgumentException("the destination cloud must be empty, holds " + into.size());
        }
        if (length == 0) {
            throw reject(new PointCloudFormatException(source, 0, "", RejectReason.TRUNCATED,
                    "the file is empty: 0 bytes, not one point of " + POINT_BYTES + " bytes"));
        }
        if (length % POINT_BYTES != 0) {
            int partial = length % POINT_BYTES;
            throw reject(new PointCloudFormatException(source, length - partial, "", RejectReason.TRUNCATED,
                    "the file ends inside a point: " + length + " bytes is not a multiple of " + POINT_BYTES
                            + " (last point has " + partial + " bytes)"));
        }
        int n = length / POINT_BYTES;
        ByteBuffer buf = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        boolean deriveRings = options.ring() == RingMode.FROM_SCAN_ORDER;
        boolean countRuns = deriveRings || runCheck.fewest() > 0;
        boolean azimuthTime = options.time() == TimeMode.AZIMUTH_10HZ;
        boolean needAzimuths = countRuns || azimuthTime;
        if (needAzimuths && azimuths.length < n) {
            azimuths = new double[n];
        }
        // one pass checks every value and, for finite points, takes the azimuth (one atan2 per point: it serves the
        // run count and then ring and time; FdlibmAtan2 gives Math.atan2's bits without its native call)
        KittiScanModel.RunCounter runCounter = new KittiScanModel.RunCounter();
        int runs = 0;
        int finitePoints = 0;
        for (int i = 0; i < n; i++) {
            int at = i * POINT_BYTES;
            boolean finite = true;
            for (int k = 0; k < 4; k++) {
                float v = buf.getFloat(at + 4 * k);
                if (!Float.isFinite(v)) {
                    if (options.nonFinite() == NonFinitePolicy.REJECT_FILE) {
                        throw reject(new PointCloudFormatException(source, at + 4L * k, "xyzr".substring(k, k + 1),
                                RejectReason.NON_FINITE, "point " + i + " has " + "xyzr".charAt(k) + " = " + v));
                    }
                    finite = false;
                    break;
                }
            }
            if (!finite) {
                continue;
            }
            finitePoints++;
            if (needAzimuths) {
                azimuths[i] = FdlibmAtan2.atan2(buf.getFloat(at + 4), buf.getFloat(at));
                if (countRuns) {
                    runs = runCounter.nextAzimuth(azimuths[i]) + 1;
                }
            }
        }
        if (finitePoints > into.capacity()) {
            throw reject(new PointCloudFormatException(source, -1, "", RejectReason.CAPACITY,
                    finitePoints + " points do not fit the cloud's capacity of " + into.capacity()));
        }
        if (runs < runCheck.fewest()) {
            throw reject(new PointCloudFormatException(source, length, "", RejectReason.TRUNCATED,
                    "the sweep is cut short: " + runs + " of " + runCheck.expected() + " laser runs (" + n
                            + " points; a sweep is stored laser by laser, so one cut short lacks the last lasers)"));
        }
        if (!deriveRings) {
            runs = 0;
        }
        KittiScanModel.RunCounter counter = new KittiScanModel.RunCounter();
        for (int i = 0; i < n; i++) {
            int at = i * POINT_BYTES;
            if (!finite(buf, at)) {
                continue;
            }
            int ring = runs > 0 ? KittiScanModel.ringOfRun(counter.nextAzimuth(azimuths[i]), runs) : -1;
            int time = azimuthTime ? KittiScanModel.timeOffsetNanosOfAzimuth(azimuths[i]) : 0;
            into.add(buf.getFloat(at), buf.getFloat(at + 4), buf.getFloat(at + 8), buf.getFloat(at + 12), time, ring);
        }
        counters.accepted(finitePoints, n - finitePoints);
        return new Result(finitePoints, n - finitePoints, runs);
    }

    private static boolean finite(ByteBuffer buf, int at) {
        return Float.isFinite(buf.getFloat(at)) && Float.isFinite(buf.getFloat(at + 4))
                && Float.isFinite(buf.getFloat(at + 8)) && Float.isFinite(buf.getFloat(at + 12));
    }

    private PointCloudFormatException reject(PointCloudFormatException e) {
        counters.rejected(e);
        return e;
    }
}
