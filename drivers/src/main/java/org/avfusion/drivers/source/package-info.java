/**
 * How frames leave a driver: the {@link org.avfusion.drivers.source.FrameSink} a driver publishes to, and
 * {@link org.avfusion.drivers.source.RecordedSource} with {@link org.avfusion.drivers.source.ReplayPacer} for
 * sources that replay recorded or simulated time; for live sources, {@link org.avfusion.drivers.source.LiveLoop}
 * (receive thread, stop flag, back-off sleeps) and {@link org.avfusion.drivers.source.ReconnectBackoff}, the retry
 * delays every live connection (GNSS receivers, gpsd, the runtime's MQTT output) waits. Drivers know nothing of the
 * ring behind the sink.
 */
package org.avfusion.drivers.source;
