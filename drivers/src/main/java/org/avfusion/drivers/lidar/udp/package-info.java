/**
 * Live lidar input over UDP: a {@link java.nio.channels.DatagramChannel} bound to the address and port of
 * {@link org.avfusion.drivers.lidar.udp.UdpLidarSettings}, read on the driver's own thread into one preallocated
 * direct buffer, decoded, assembled into scans and published with vehicle-clock stamps. Depends on
 * {@code drivers.lidar} and {@code drivers.source}.
 */
package org.avfusion.drivers.lidar.udp;
