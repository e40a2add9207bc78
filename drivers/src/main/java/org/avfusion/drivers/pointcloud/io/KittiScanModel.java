package org.avfusion.drivers.pointcloud.io;

/**
 * What the layout of a KITTI Velodyne HDL-64E scan tells about each point, beyond its coordinates. Pure
 * arithmetic, no I/O.
 *
 * <p><b>Ring from scan order.</b> KITTI stores a sweep laser by laser, top laser first, each laser's points by
 * increasing azimuth {@code atan2(y, x)} from straight ahead through the rear (where it wraps from +pi to -pi) back
 * to straight ahead. So a new laser starts where, after the wrap at the rear, the azimuth turns from negative to
 * non-negative again. On the KITTI object scans 000000 and 000001 this finds exactly 64 runs whose median
 * elevations fall strictly from about +2.8 to -23.6 degrees, the HDL-64E's beam fan: run k from the top is
 * ring {@code 63 - k} (0 = lowest beam, as {@link org.avfusion.drivers.frame.PointCloud} defines it). A scan where
 * the count is not 64 does not follow this layout and its rings stay -1 (unknown). Estimating the ring from the
 * elevation instead would need the per-laser calibration, which KITTI does not ship with the scans. The count also
 * tells a sweep cut short at a point boundary, which its size cannot: it lacks the last lasers' runs (the 20 sweeps
 * of the KITTI raw sequence in {@code ../shared/data} show 64 each; one of them cut to 800,000 bytes shows 29), see
 * {@link KittiBinReader.LaserRunCheck}.
 *
 * <p><b>Time from azimuth.</b> The HDL-64E spins clockwise seen from above (azimuth {@code atan2(y, x)} falls over
 * time) at 10 Hz; KITTI raw's {@code timestamps_start.txt} marks the sweep start with the laser facing backwards,
 * {@code timestamps.txt} the moment it faces forward (half a sweep later: 25.8996 s, 25.9512 s, 26.0028 s for the
 * first scan of drive 2011_09_26_0001). The estimated offset from the sweep start is therefore
 * {@code (pi - azimuth) / 2pi x 100 ms}; it ignores the per-laser azimuth offsets and the rotation rate's wobble
 * (errors of about a millisecond) and, because KITTI scans are not motion-corrected, suits motion compensation.
 */
public final class KittiScanModel {
    /** Lasers of the HDL-64E. */
    public static final int HDL64_RINGS = 64;
    /** One sweep at 10 Hz. */
    public static final long SWEEP_NANOS = 100_000_000L;

    private KittiScanModel() {
    }

    /** Follows a scan in storage order and tells which laser run (0 = first stored = top laser) a point is in. */
    public static final class RunCounter {
        private int run;
        private boolean seenRear;
        private double previousAzimuth = Double.NaN;

        /** The run of the next point (skip points with non-finite coordinates). */
        public int next(float x, float y) {
            return nextAzimuth(Math.atan2(y, x));
        }

        /** As {@link #next(float, float)}, given the point's azimuth {@code atan2(y, x)} in radians. */
        public int nextAzimuth(double azimuth) {
            if (!Double.isNaN(previousAzimuth)) {
                if (azimuth - previousAzimuth < -Math.PI) {
                    seenRear = true;
                } else if (seenRear && previousAzimuth < 0 && azimuth >= 0) {
                    run++;
                    seenRear = false;
                }
            }
            previousAzimuth = azimuth;
            return run;
        }
    }

    /** The ring of a point in run {@code run} of a scan with {@code runs} runs, or -1 when it is not an HDL-64E layout. */
    public static int ringOfRun(int run, int runs) {
        return runs == HDL64_RINGS ? HDL64_RINGS - 1 - run : -1;
    }

    /** Estimated time after the sweep start at which the laser pointed at ({@code x}, {@code y}), in [0, 100 ms]. */
    public static int timeOffsetNanos(float x, float y) {
        return timeOffsetNanosOfAzimuth(Math.atan2(y, x));
    }

    /** As {@link #timeOffsetNanos(float, float)}, given the azimuth {@code atan2(y, x)} in radians. */
    public static int timeOffsetNanosOfAzimuth(double azimuth) {
        return roundNonNegative((Math.PI - azimuth) / (2 * Math.PI) * SWEEP_NANOS);
    }

    /**
     * {@code (int) Math.round(v)} for {@code v} in [0, 2^31): the floor plus one where the fraction is at least a half
     * (the floor and the fraction are exact), without {@code Math.round}'s bit manipulation, which JDK 17 does not
     * compile to an instruction (a tenth of the KITTI reader's time, once per point).
     */
    static int roundNonNegative(double v) {
        double floor = Math.floor(v);
        return (int) floor + (v - floor >= 0.5 ? 1 : 0);
    }
}
