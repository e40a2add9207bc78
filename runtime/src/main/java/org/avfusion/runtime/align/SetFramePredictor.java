package org.avfusion.runtime.align;

/**
 * Which camera frames an {@link AlignedSet} will take, told as the frames arrive: the camera frame nearest a reference
 * stamp (within the alignment tolerance) joins that reference's set, so of a camera faster than the lidar only about
 * one frame per sweep is ever used. Seeing the reference sweeps' and the camera's corrected stamps in arrival order,
 * it puts the reference stamps on a grid (the last one plus multiples of the lidar's period, the median of the last
 * {@value #PERIODS} stamp differences: a sweep arrives a period after its stamp, so the one a frame belongs to has
 * often not arrived yet) and says a camera frame is wanted when it can be the nearest one to its grid point: within
 * half a camera period of it (the camera's median period, with a quarter period more for jitter), and not later than
 * the tolerance. Until two stamps of each are known, every frame is wanted.
 *
 * <p>A prediction is only a saving: a set whose frame was not wanted still gets it (its detector runs late); a wanted
 * frame no set takes costs one inference. Pure algorithm, not thread-safe: one stage thread.
 */
public final class SetFramePredictor {
    /** Stamp differences whose median is taken as a sensor's period. */
    static final int PERIODS = 5;

    private final long toleranceNanos;
    private final Periods reference = new Periods();
    private final Periods camera = new Periods();

    /** @param toleranceNanos the alignment's camera tolerance ({@code alignment.cameraToleranceMillis} in ns), > 0 */
    public SetFramePredictor(long toleranceNanos) {
        if (toleranceNanos <= 0) {
            throw new IllegalArgumentException("camera tolerance must be > 0 ns, was " + toleranceNanos);
        }
        this.toleranceNanos = toleranceNanos;
    }

    /** A reference sweep arrived, stamped {@code stampNanos} (clock offset removed, as the aligner does). */
    public void onReference(long stampNanos) {
        reference.add(stampNanos);
    }

    /**
     * A camera frame arrived, stamped {@code stampNanos} (offset removed).
     *
     * @return whether a set can take it
     */
    public boolean onCamera(long stampNanos) {
        camera.add(stampNanos);
        long lidarPeriod = reference.period();
        long cameraPeriod = camera.period();
        if (lidarPeriod <= 0 || cameraPeriod <= 0) {
            return true;
        }
        // the reference stamp nearest this frame on the lidar's grid (sweeps arrive a period after their stamp, so
        // the one this frame belongs to has often not arrived yet)
        long last = reference.last();
        long n = Math.round((double) (stampNanos - last) / lidarPeriod);
        long nearest = last + n * lidarPeriod;
        // the nearest frame to it is within half a camera period of it; a quarter period more for jitter
        long reach = cameraPeriod / 2 + cameraPeriod / 4;
        return stampNanos <= nearest + Math.min(toleranceNanos, reach) && stampNanos >= nearest - reach;
    }

    /** The last stamps' differences; their median is the period. Allocation-free. */
    private static final class Periods {
        private final long[] diffs = new long[PERIODS];
        private final long[] sorted = new long[PERIODS];
        private int count;
        private int next;
        private long last = Long.MIN_VALUE;

        void add(long stamp) {
            if (last != Long.MIN_VALUE && stamp > last) {
                diffs[next] = stamp - last;
                next = (next + 1) % PERIODS;
                count = Math.min(count + 1, PERIODS);
            }
            if (last == Long.MIN_VALUE || stamp > last) {
                last = stamp;
            }
        }

        long last() {
            return last;
        }

        /** Median difference, or 0 when none is known. */
        long period() {
            if (count == 0) {
                return 0;
            }
            System.arraycopy(diffs, 0, sorted, 0, count);
            java.util.Arrays.sort(sorted, 0, count);
            return sorted[count / 2];
        }
    }
}
