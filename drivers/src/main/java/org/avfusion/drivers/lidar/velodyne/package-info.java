/**
 * Velodyne VLP-16 and HDL-32E: the 1206-byte data packet decoder (strongest, last and dual returns, azimuth
 * interpolation and per-point timing from the manuals' firing tables, the model chosen by the factory byte) and
 * the 512-byte position packet's NMEA sentence. Pure algorithms over bytes: no I/O, no threads; depends on
 * {@code drivers.lidar} and {@code drivers.gnss.nmea}.
 */
package org.avfusion.drivers.lidar.velodyne;
