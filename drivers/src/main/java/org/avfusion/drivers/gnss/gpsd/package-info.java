/**
 * A client of gpsd's JSON protocol ({@code gpsd_json(5)}): {@link org.avfusion.drivers.gnss.gpsd.GpsdJsonParser}
 * turns TPV and SKY reports into {@link org.avfusion.drivers.frame.GnssFix} values (no I/O), and
 * {@link org.avfusion.drivers.gnss.gpsd.GpsdClient} holds the TCP session ({@code ?WATCH}, reconnects) and publishes
 * to a {@link org.avfusion.drivers.source.FrameSink}. Depends on the JDK, Jackson, {@code drivers.frame} and
 * {@code drivers.source} (sink, {@code LiveLoop} thread plumbing, reconnect policy).
 */
package org.avfusion.drivers.gnss.gpsd;
