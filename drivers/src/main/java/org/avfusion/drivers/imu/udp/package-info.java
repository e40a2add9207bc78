/**
 * A live IMU over UDP: the avfusion IMU datagram ({@link org.avfusion.drivers.imu.udp.ImuUdpPacket}, 44 bytes,
 * documented in docs/HIL.md) and the source that receives it ({@link org.avfusion.drivers.imu.udp.UdpImuSource}).
 * Depends on the frame types and the source contracts of this module only.
 */
package org.avfusion.drivers.imu.udp;
