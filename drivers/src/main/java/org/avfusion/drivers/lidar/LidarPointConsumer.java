package org.avfusion.drivers.lidar;

/**
 * Receives decoded lidar points one by one, straight from a packet decoder: no point objects are made.
 *
 * <p>Units: sensor time in nanoseconds on the sensor's own clock (Velodyne: time past the hour, unwrapped across
 * hours; Ouster: the column timestamp), positions in metres in the sensor frame (x forward, y left, z up),
 * distance in metres along the beam, angles in degrees. {@code azimuthDeg} is the beam's horizontal angle,
 * clockwise seen from above, from the sensor's x axis, in [0, 360); {@code rotationDeg} is the rotor angle of the
 * firing (same convention), which only moves forward while the sensor spins, so a scan cut uses it.
 * {@code ring} is the beam index sorted by elevation, 0 = lowest beam. Points without a return are not passed on.
 *
 * <p>Threading: called on the decoding thread only, synchronously inside
 * {@link LidarPacketDecoder#decode(java.nio.ByteBuffer, int, int, LidarPointConsumer)}.
 */
@FunctionalInterface
public interface LidarPointConsumer {
    void accept(long sensorNanos, float xMeters, float yMeters, float zMeters, float distanceMeters,
                float azimuthDeg, float elevationDeg, float intensity, int ring, float rotationDeg);
}
