package org.avfusion.drivers.gnss.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Objects;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * Replays an NMEA capture (gpsd's {@code .log} format: one sentence a line, {@code #} comment lines, any bytes) as a
 * {@link RecordedSource} of {@link GnssFix} frames, one per receiver epoch, in file order.
 *
 * <p><b>Timing</b> ({@link NmeaReplayTiming}): a log whose lines carry arrival stamps
 * ({@code "2014-12-31 03:07:19.250: $GPGGA..."} as {@code gpspipe -t -u} writes, or {@code "1419995239.250: ..."}) is
 * replayed on those stamps; otherwise on the receiver's fix times; or with no timing. The first fix arrives at
 * {@code startNanos}; later ones at {@code startNanos} plus their offset from the first, never earlier than the fix
 * before. Each frame's {@link FrameHeader#stampNanos()} is its arrival time; sequence numbers count from 0.
 *
 * <p><b>Bad input</b> is counted in {@link #stats()} with {@code file:line} in the last error (and, with
 * {@link #onReject}, each message handed on) and never stops the replay. On fix times, a fix whose UTC time is
 * before the fix replayed before it (a receiver's {@code 220631} after {@code 220632.9}) is skipped and counted as
 * an impossible value ({@link GnssRejectReason#OUT_OF_ORDER}): it would be published at the wrong time. The file is
 * read lazily, 64 KiB at a time. Not thread-safe: one replay thread drives it (the stats may be read from any
 * thread).
 */
public final class NmeaFileSource implements RecordedSource {

    private static final int CHUNK_BYTES = 65_536;

    private final Path file;
    private final SensorId sensor;
    private final long startNanos;
    private final InputStream in;
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private final HealthCounters health = new HealthCounters();
    private final NmeaLineFeed feed;
    private final ArrayDeque<GnssFix> pendingFixes = new ArrayDeque<>();
    private final ArrayDeque<long[]> pendingTimes = new ArrayDeque<>();
    private NmeaReplayTiming timing;
    private boolean endOfFile;
    private long sequence;
    private long lastArrivalNanos = Long.MIN_VALUE;
    private long firstAxisNanos = Long.MIN_VALUE;
    private long lastFixUtcMillis = GnssFix.UNKNOWN_TIME;
    private long lastFixLine;

    private NmeaFileSource(Path file, SensorId sensor, NmeaReplayTiming timing, long startNanos, InputStream in) {
        this.file = file;
        this.sensor = sensor;
        this.timing = timing;
        this.startNanos = startNanos;
        this.in = in;
        this.feed = new NmeaLineFeed(file.toString(), true, NmeaLineFeed.DEFAULT_MAX_LINE_BYTES, health,
                (fix, line, stamp) -> {
                    pendingFixes.add(fix);
                    pendingTimes.add(new long[] {line, stamp});
                });
    }

    /**
     * Opens {@code file} for replay.
     *
     * @param sensor     the GNSS sensor the frames are stamped with; its kind must be {@link SensorKind#GNSS}
     * @param startNanos vehicle-clock time at which the first fix arrives
     * @throws IOException when the file cannot be opened; the message names it
     */
    public static NmeaFileSource open(Path file, SensorId sensor, NmeaReplayTiming timing, long startNanos)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(timing, "timing");
        if (sensor.kind() != SensorKind.GNSS) {
            throw new IllegalArgumentException("sensor " + sensor + " is a " + sensor.kind() + ", not GNSS");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new IOException("cannot open NMEA log " + file + ": " + e, e);
        }
        return new NmeaFileSource(file, sensor, timing, startNanos, in);
    }

    @Override
    public long nextArrivalNanos() {
        fillSkippingBackwards();
        if (pendingFixes.isEmpty()) {
            return END;
        }
        return arrivalOf(pendingFixes.peekFirst(), pendingTimes.peekFirst()[1]);
    }

    /**
     * Hands every later rejection (a bad line, a fix stamped backwards) to {@code listener} as well, with its
     * message naming the file and line, on the replay thread: a recording keeps each skip's message, where
     * {@link GnssSourceStats#lastError()} keeps the last one only. Set it before the first read; null removes it.
     */
    public void onReject(java.util.function.BiConsumer<GnssRejectReason, String> listener) {
        health.rejectListener = listener;
    }

    /** {@link #fill()}, then drops (and counts) the fixes at the head stamped before the last one published. */
    private void fillSkippingBackwards() {
        fill();
        while (!pendingFixes.isEmpty() && stampedBackwards(pendingFixes.peekFirst())) {
            GnssFix fix = pendingFixes.pollFirst();
            long line = pendingTimes.pollFirst()[0];
            health.impossibleValues++;
            health.rejected(GnssRejectReason.OUT_OF_ORDER, file + ":" + line + ": fix stamped "
                    + utc(fix.utcEpochMillis()) + ", before the fix before it (" + utc(lastFixUtcMillis) + ", line "
                    + lastFixLine + "): skipped");
            fill();
        }
    }

    private boolean stampedBackwards(GnssFix fix) {
        return timing == NmeaReplayTiming.FIX_TIMES && lastFixUtcMillis != GnssFix.UNKNOWN_TIME
                && fix.utcEpochMillis() != GnssFix.UNKNOWN_TIME && fix.utcEpochMillis() < lastFixUtcMillis;
    }

    private static String utc(long epochMillis) {
        return java.time.Instant.ofEpochMilli(epochMillis).toString();
    }

    @Override
    public void emitNext(FrameSink sink) {
        long arrival = nextArrivalNanos();
        if (arrival == END) {
            throw new IllegalStateException("NMEA log " + file + " is exhausted");
        }
        GnssFix fix = pendingFixes.pollFirst();
        long line = pendingTimes.pollFirst()[0];
        lastArrivalNanos = arrival;
        if (fix.utcEpochMillis() != GnssFix.UNKNOWN_TIME) {
            lastFixUtcMillis = fix.utcEpochMillis();
            lastFixLine = line;
        }
        health.fixes++;
        if (!sink.publish(new FrameHeader(sensor, arrival, sequence++), fix)) {
            health.droppedBySink++;
        }
    }

    /** The fix {@link #emitNext} publishes next, without consuming it; null when exhausted. */
    public GnssFix peekFix() {
        fillSkippingBackwards();
        return pendingFixes.peekFirst();
    }

    /** The 1-based line of the next fix's last sentence (see {@link NmeaLineFeed.FixListener#onFix}), -1 at the end. */
    public long peekLine() {
        fillSkippingBackwards();
        return pendingFixes.isEmpty() ? -1 : pendingTimes.peekFirst()[0];
    }

    /** The timing in use; {@link NmeaReplayTiming#AUTO} resolves once the first sentence has been read. */
    public NmeaReplayTiming timing() {
        fill();
        return timing;
    }

    /** Health counters so far (the whole file once {@link #nextArrivalNanos()} returned {@link #END}). */
    public GnssSourceStats stats() {
        return health.snapshot();
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "NMEA log " + file + " (" + timing.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            health.lastError = file + ": close failed: " + e;
        }
    }

    private long arrivalOf(GnssFix fix, long lineStamp) {
        long offset;
        switch (timing) {
            case LINE_STAMPS -> offset = offsetOf(lineStamp == NmeaLineFeed.NO_STAMP ? Long.MIN_VALUE : lineStamp);
            case FIX_TIMES -> offset = offsetOf(fix.utcEpochMillis() == GnssFix.UNKNOWN_TIME ? Long.MIN_VALUE
                    : fix.utcEpochMillis() * 1_000_000L);
            default -> offset = 0;
        }
        long arrival = offset == Long.MIN_VALUE ? startNanos : startNanos + offset;
        if (lastArrivalNanos != Long.MIN_VALUE && (offset == Long.MIN_VALUE || arrival < lastArrivalNanos)) {
            arrival = lastArrivalNanos;
        }
        return arrival;
    }

    /** Offset of {@code axisNanos} from the first time on the axis, or MIN_VALUE when unknown. */
    private long offsetOf(long axisNanos) {
        if (axisNanos == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        if (firstAxisNanos == Long.MIN_VALUE) {
            firstAxisNanos = axisNanos;
        }
        return axisNanos - firstAxisNanos;
    }

    private void fill() {
        while (pendingFixes.isEmpty() && !endOfFile) {
            int n;
            try {
                n = in.read(chunk);
            } catch (IOException e) {
                health.lastError = file + ":" + feed.lineNumber() + ": read failed: " + e;
                n = -1;
            }
            if (n < 0) {
                endOfFile = true;
                feed.flush();
            } else {
                feed.accept(chunk, 0, n);
            }
            if (timing == NmeaReplayTiming.AUTO && (feed.lineNumber() > 0 && health.sentences > 0 || endOfFile)) {
                timing = feed.firstSentenceStamped() ? NmeaReplayTiming.LINE_STAMPS : NmeaReplayTiming.FIX_TIMES;
            }
        }
    }
}
