/**
 * Where GNSS fixes come from: a recorded NMEA log replayed as a
 * {@link org.avfusion.drivers.source.RecordedSource} ({@link org.avfusion.drivers.gnss.source.NmeaFileSource}), and
 * live NMEA streams over TCP, UDP or a serial device, each on its own thread, publishing
 * {@link org.avfusion.drivers.frame.GnssFix} frames to a {@link org.avfusion.drivers.source.FrameSink} and keeping
 * {@link org.avfusion.drivers.gnss.source.GnssSourceStats} health counters. Sentence decoding is
 * {@link org.avfusion.drivers.gnss.nmea}'s, and so is the line framing
 * ({@link org.avfusion.drivers.gnss.nmea.NmeaLineSplitter}); this package only moves bytes and counts. Depends on the
 * JDK, {@code drivers.frame}, {@code drivers.source} and {@code drivers.gnss.nmea}.
 */
package org.avfusion.drivers.gnss.source;
