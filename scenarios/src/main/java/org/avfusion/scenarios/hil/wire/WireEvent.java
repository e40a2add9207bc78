package org.avfusion.scenarios.hil.wire;

import java.util.Objects;

/**
 * One packet a rig puts on the wire.
 *
 * @param dueNanos          when to send it, scenario nanoseconds from the rig's start (faults move it)
 * @param channel           where it goes
 * @param sensor            the sensor it stands in for ({@code lidar_top}, {@code gnss})
 * @param payload           the bytes (owned by the event; faults copy before changing them)
 * @param contentNanos      scenario time of what it carries (first firing of a lidar packet, a fix's epoch)
 * @param azimuthFromDeg    lidar: azimuth of its first block, degrees clockwise from x; else NaN
 * @param azimuthToDeg      lidar: azimuth of its last block; else NaN
 */
public record WireEvent(long dueNanos, WireChannel channel, String sensor, byte[] payload, long contentNanos,
        double azimuthFromDeg, double azimuthToDeg) implements Comparable<WireEvent> {
    public WireEvent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(payload, "payload");
    }

    public WireEvent withDue(long newDueNanos) {
        return new WireEvent(newDueNanos, channel, sensor, payload, contentNanos, azimuthFromDeg, azimuthToDeg);
    }

    public WireEvent withPayload(byte[] newPayload) {
        return new WireEvent(dueNanos, channel, sensor, newPayload, contentNanos, azimuthFromDeg, azimuthToDeg);
    }

    /** Whether a lidar packet covers azimuth {@code deg} (its blocks' span, wrapping at 360). */
    public boolean coversAzimuth(double deg) {
        if (Double.isNaN(azimuthFromDeg)) {
            return false;
        }
        double span = (azimuthToDeg - azimuthFromDeg + 360) % 360;
        double at = (deg - azimuthFromDeg + 360) % 360;
        return at <= span + 0.5;
    }

    @Override
    public int compareTo(WireEvent o) {
        return Long.compare(dueNanos, o.dueNanos);
    }
}
