/**
 * A live IMU over UDP in avfusion's own simple binary format ({@link ImuDatagram}, documented in docs/EGO.md): the
 * codec (pure) and the receiving source ({@link UdpImuSource}, a socket and a thread). Depends on the frame model
 * and {@code drivers.source}.
 */
package org.avfusion.drivers.imu.udp;
