package org.avfusion.drivers.gnss.gpsd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.LiveLoop;
import org.avfusion.drivers.source.ReconnectBackoff;
import org.avfusion.drivers.source.VehicleClock;

/**
 * A client of a gpsd daemon (default port 2947): connects, sends {@code ?WATCH={"enable":true,"json":true}}, and
 * publishes one {@link GnssFix} per TPV report (see {@link GpsdJsonParser} for the mapping) to a {@link FrameSink},
 * stamped with the {@link VehicleClock} time the report was received. When the connection fails or gpsd closes it,
 * the client reconnects after a {@link ReconnectBackoff} delay and watches again.
 *
 * <p>Threading: {@link #start()} runs the session on a daemon thread that publishes to the sink; {@link #close()}
 * stops it. {@link #stats()} may be called from any thread (each count is current; they are not read atomically
 * together). Bad lines never stop the session: they are counted, and the last error names {@code host:port} and the
 * line number. Lines longer than 256 KiB are discarded as malformed.
 */
public final class GpsdClient implements AutoCloseable {

    /** gpsd's registered port. */
    public static final int DEFAULT_PORT = 2947;
    static final String WATCH = "?WATCH={\"enable\":true,\"json\":true}\n";
    private static final int MAX_LINE_BYTES = 262_144;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final String host;
    private final int port;
    private final String where;
    private final SensorId sensor;
    private final FrameSink sink;
    private final VehicleClock clock;
    private final ReconnectBackoff backoff;
    private final GpsdJsonParser parser;
    private volatile GpsdStats stats;
    private final LiveLoop loop;
    private volatile Socket socket;
    private long fixes;
    private long dropped;
    private long reconnects;
    private long sequence;

    public GpsdClient(String host, int port, SensorId sensor, FrameSink sink, VehicleClock clock,
            ReconnectBackoff backoff) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("gpsd port must be 1..65535, was " + port);
        }
        this.port = port;
        this.where = host + ":" + port;
        this.sensor = Objects.requireNonNull(sensor, "sensor");
        if (sensor.kind() != SensorKind.GNSS) {
            throw new IllegalArgumentException("sensor " + sensor + " is a " + sensor.kind() + ", not GNSS");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.parser = new GpsdJsonParser(where);
        this.stats = parser.stats(0, 0, 0);
        this.loop = new LiveLoop("gnss-gpsd-" + where, this::run);
    }

    /**
     * Starts the session thread.
     *
     * @throws IllegalStateException when already started
     */
    public void start() {
        loop.start();
    }

    /** Counts so far, refreshed after every line. */
    public GpsdStats stats() {
        return stats;
    }

    public String describe() {
        return "gpsd at " + where;
    }

    /** Stops the session thread, waiting up to 2 s. */
    @Override
    public void close() {
        loop.stop(this::closeSocket, 2_000);
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing only unblocks the reader; nothing to report
            }
        }
    }

    private void run() {
        byte[] buffer = new byte[16_384];
        byte[] line = new byte[MAX_LINE_BYTES];
        int failures = 0;
        boolean first = true;
        while (!loop.stopping()) {
            if (!first) {
                reconnects++;
            }
            first = false;
            int length = 0;
            boolean overflow = false;
            try (Socket s = new Socket()) {
                socket = s;
                if (loop.stopping()) {
                    break;
                }
                s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                OutputStream out = s.getOutputStream();
                out.write(WATCH.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    long received = clock.nowNanos();
                    if (n > 0) {
                        failures = 0;
                    }
                    for (int i = 0; i < n; i++) {
                        byte b = buffer[i];
                        if (b == '\n') {
                            if (overflow) {
                                parser.rejectLine("line longer than " + MAX_LINE_BYTES + " bytes, discarded");
                            } else if (length > 0) {
                                onLine(new String(line, 0, length, StandardCharsets.UTF_8), received);
                            }
                            length = 0;
                            overflow = false;
                            refresh();
                        } else if (length < line.length) {
                            line[length++] = b;
                        } else {
                            overflow = true;
                        }
                    }
                }
                connectionFailed(where + ": connection closed by gpsd");
            } catch (IOException | RuntimeException e) {
                connectionFailed(where + ": " + e);
            } finally {
                socket = null;
            }
            refresh();
            if (!loop.stopping()) {
                failures++;
                loop.pause(backoff.delayMillis(failures));
            }
        }
        refresh();
    }

    private void onLine(String text, long receivedNanos) {
        GnssFix fix = parser.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        if (fix != null) {
            fixes++;
            if (!sink.publish(new FrameHeader(sensor, receivedNanos, sequence++), fix)) {
                dropped++;
            }
        }
    }

    private void refresh() {
        stats = parser.stats(fixes, dropped, reconnects);
    }

    private void connectionFailed(String message) {
        if (!loop.stopping()) {
            parser.noteError(message);
        }
    }
}
