package org.avfusion.drivers.gnss.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.LiveLoop;
import org.avfusion.drivers.source.ReconnectBackoff;
import org.avfusion.drivers.source.VehicleClock;

/**
 * A live NMEA stream from a serial device. On Linux a tty ({@code /dev/ttyUSB0}, {@code /dev/ttyACM0}) is read as a
 * file: its line settings, when given, are applied with {@code stty -F device ...} (see {@link SerialLineSettings})
 * before each open, and bytes are then read through a {@link FileChannel}, which a {@link #close()} interrupts.
 * Anything that reads like a file works, a named pipe included. End of file or an I/O error (a USB receiver
 * unplugged) closes the device, which is reopened after a {@link ReconnectBackoff} delay; the decoder's state
 * survives, a cut line is discarded.
 *
 * <p>Threading: {@link #start()} reads on a daemon thread that publishes to the sink; {@link #close()} stops it and
 * publishes the epoch in progress (it waits at most 2 s: a thread stuck in {@code open} of a named pipe with no
 * writer is left to die with the JVM). {@link #stats()} may be read from any thread; its last error names the device.
 */
public final class NmeaSerialSource implements AutoCloseable {

    private final Path device;
    private final SerialLineSettings settings;
    private final ReconnectBackoff backoff;
    private final HealthCounters health = new HealthCounters();
    private final LivePublisher publisher;
    private final NmeaLineFeed feed;
    private final LiveLoop loop;

    /**
     * @param device   the tty (or any readable file or pipe)
     * @param settings line settings to apply with {@code stty}, or null to leave the device as it is
     * @param sensor   the GNSS sensor the frames are stamped with
     * @param sink     receives the fixes, on this source's thread
     * @param clock    stamps the frames with the time their last bytes were read
     * @param backoff  delays between reopen attempts
     */
    public NmeaSerialSource(Path device, SerialLineSettings settings, SensorId sensor, FrameSink sink,
            VehicleClock clock, ReconnectBackoff backoff) {
        this.device = Objects.requireNonNull(device, "device");
        this.settings = settings;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.publisher = new LivePublisher(sensor, sink, clock, health);
        this.feed = new NmeaLineFeed(device.toString(), false, NmeaLineFeed.DEFAULT_MAX_LINE_BYTES, health,
                publisher);
        this.loop = new LiveLoop("gnss-serial-" + device.getFileName(), this::run);
    }

    public void start() {
        loop.start();
    }

    public GnssSourceStats stats() {
        return health.snapshot();
    }

    public String describe() {
        return "NMEA from serial device " + device + (settings == null ? "" : " at " + settings.baud() + " baud");
    }

    @Override
    public void close() {
        loop.stop(() -> { }, 2_000);
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(4_096);
        int failures = 0;
        boolean first = true;
        while (!loop.stopping()) {
            if (!first) {
                health.reconnects++;
            }
            first = false;
            try {
                if (settings != null) {
                    applySettings();
                }
                try (FileChannel channel = FileChannel.open(device, StandardOpenOption.READ)) {
                    int n;
                    while ((n = channel.read(buffer.clear())) >= 0) {
                        publisher.received();
                        feed.accept(buffer.array(), 0, n);
                        if (n > 0) {
                            failures = 0;
                        }
                    }
                }
                if (!loop.stopping()) {
                    health.lastError = device + ": end of file";
                }
            } catch (ClosedByInterruptException e) {
                Thread.interrupted();
            } catch (IOException | RuntimeException e) {
                if (!loop.stopping()) {
                    health.lastError = device + ": " + e;
                }
            } finally {
                feed.discardPartialLine();
            }
            if (!loop.stopping()) {
                failures++;
                loop.pause(backoff.delayMillis(failures));
            }
        }
        Thread.interrupted();
        publisher.received();
        feed.flush();
    }

    private void applySettings() throws IOException {
        Process p = new ProcessBuilder(settings.sttyCommand(device)).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("stty timed out");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running stty", e);
        }
        if (p.exitValue() != 0) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            throw new IOException("stty failed (exit " + p.exitValue() + "): " + out);
        }
    }
}
