/**
 * How frames leave a driver: the {@link org.avfusion.drivers.source.FrameSink} a driver publishes to, and
 * {@link org.avfusion.drivers.source.RecordedSource} with {@link org.avfusion.drivers.source.ReplayPacer} for
 * sources that replay recorded or simulated time. Drivers know nothing of the ring behind the sink.
 */
package org.avfusion.drivers.source;
