/**
 * NMEA 0183 for GNSS receivers: {@link org.avfusion.drivers.gnss.nmea.NmeaDecoder} turns a stream of sentences
 * (GGA, RMC, GSA, GSV, VTG, ZDA, GST, GLL from any two-letter talker) into one
 * {@link org.avfusion.drivers.frame.GnssFix} per receiver cycle, {@link org.avfusion.drivers.gnss.nmea.NmeaWriter}
 * writes real sentences for simulators and tests, {@link org.avfusion.drivers.gnss.nmea.NmeaLineSplitter} frames
 * bytes into lines for logs and live streams alike, and {@link org.avfusion.drivers.gnss.nmea.NmeaLogReader} is the
 * one class here that touches files (gpsd-style {@code .log} captures). Depends only on the JDK and
 * {@code org.avfusion.drivers.frame}.
 */
package org.avfusion.drivers.gnss.nmea;
