/**
 * What a HIL rig puts on the wire: packets as values ({@link org.avfusion.scenarios.hil.wire.WireEvent}) made from
 * simulated frames with the runtime's own packet formats (Velodyne data packets through
 * {@link org.avfusion.drivers.lidar.velodyne.VelodyneEncoder}, NMEA epochs through the drivers' NMEA writer). No
 * sockets, no threads: the rig in {@code scenarios.hil} sends them.
 */
package org.avfusion.scenarios.hil.wire;
