package org.avfusion.drivers.recorded;

/**
 * Maps a recorded drive's stamps onto the vehicle's monotonic time base:
 * {@code vehicleNanos = recordedNanos - originNanos + baseNanos}.
 *
 * <p>The origin is either the first stamp of the drive ({@link #firstStampAt(long)}: the first frame lands on
 * {@code baseNanos}, e.g. 0) or a fixed recorded instant ({@link #fixed(long, long)}: several drives, or a drive and
 * a map, share one origin). Recorded stamps are nanoseconds since 1970 (ROS time, KITTI timestamps).
 *
 * @param baseNanos       vehicle time the origin maps to
 * @param originNanos     recorded time (nanoseconds since 1970) mapped to {@code baseNanos}; ignored when
 *                        {@code originFromFirst}
 * @param originFromFirst take the origin from the first stamp of the drive
 */
public record RecordedTimeBase(long baseNanos, long originNanos, boolean originFromFirst) {

    /** The first stamp of the drive maps to {@code baseNanos}. */
    public static RecordedTimeBase firstStampAt(long baseNanos) {
        return new RecordedTimeBase(baseNanos, 0, true);
    }

    /** Recorded time {@code originNanos} maps to {@code baseNanos}. */
    public static RecordedTimeBase fixed(long originNanos, long baseNanos) {
        return new RecordedTimeBase(baseNanos, originNanos, false);
    }

    /** This time base with its origin resolved: {@code firstStampNanos} when the origin comes from the drive. */
    public RecordedTimeBase resolve(long firstStampNanos) {
        return originFromFirst ? fixed(firstStampNanos, baseNanos) : this;
    }

    /** The vehicle time of a recorded stamp; call on a {@link #resolve resolved} time base. */
    public long toVehicleNanos(long recordedNanos) {
        if (originFromFirst) {
            throw new IllegalStateException("time base origin not resolved yet: call resolve(firstStampNanos)");
        }
        return recordedNanos - originNanos + baseNanos;
    }
}
