package org.avfusion.drivers.lidar.udp;

import java.util.Objects;

/**
 * Where a live lidar listens.
 *
 * @param bindAddress        local address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port               UDP port, 0..65535 (0 = an ephemeral port, for tests; see
 *                           {@link UdpLidarSource#localPort()})
 * @param receiveBufferBytes socket receive buffer requested from the OS, >= 65,536 (a 10 Hz HDL-32E sends
 *                           about 1.1 MB/s; a larger buffer rides out GC pauses)
 */
public record UdpLidarSettings(String bindAddress, int port, int receiveBufferBytes) {
    /** Default socket receive buffer: 4 MiB. */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 << 20;

    public UdpLidarSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank: write e.g. 0.0.0.0");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (receiveBufferBytes < 65_536) {
            throw new IllegalArgumentException("receiveBufferBytes must be >= 65536, was " + receiveBufferBytes);
        }
    }

    public static UdpLidarSettings of(String bindAddress, int port) {
        return new UdpLidarSettings(bindAddress, port, DEFAULT_RECEIVE_BUFFER_BYTES);
    }
}
