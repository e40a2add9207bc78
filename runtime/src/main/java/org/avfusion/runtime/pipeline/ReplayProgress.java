package org.avfusion.runtime.pipeline;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * The replay's progress: vehicle time replayed (of the total, when the recording knows it), frames per second,
 * real-time factor, time left and drops so far. On a terminal one line redrawn in place with {@code \r} (at most
 * 4 times a second); elsewhere (a log, CI) a plain line every 5 seconds.
 *
 * <p>Threading: {@link #wrap}'s source runs on the replay thread, which is the only one that prints.
 */
public final class ReplayProgress {
    /** How progress is shown. */
    public enum Mode {
        /** Not at all. */
        OFF,
        /** One line redrawn with {@code \r}: {@code System.console() != null}. */
        TERMINAL,
        /** A plain line every few seconds. */
        LINES;

        /** TERMINAL when the JVM has a console, else LINES. */
        public static Mode forThisProcess() {
            return System.console() != null ? TERMINAL : LINES;
        }
    }

    private static final long TERMINAL_PERIOD_NANOS = 250_000_000L;
    private static final long LINES_PERIOD_NANOS = 5_000_000_000L;

    private final Mode mode;
    private final PrintStream out;
    private final long firstNanos;
    private final long lastNanos;
    private final LongSupplier drops;
    private final long wallStart = System.nanoTime();
    private long lastPrint = wallStart;
    private long frames;
    private long vehicleNanos;
    private boolean drew;

    /**
     * @param firstNanos arrival of the first frame; @param lastNanos of the last, or {@link RecordedSource#END}
     * @param drops      frames lost so far (ring drops plus frames the recording could not read)
     */
    public ReplayProgress(Mode mode, PrintStream out, long firstNanos, long lastNanos, LongSupplier drops) {
        this.mode = out == null ? Mode.OFF : mode;
        this.out = out;
        this.firstNanos = firstNanos;
        this.lastNanos = lastNanos;
        this.drops = drops;
    }

    /** {@code source}, reporting each frame released. */
    public RecordedSource wrap(RecordedSource source) {
        if (mode == Mode.OFF) {
            return source;
        }
        return new RecordedSource() {
            @Override
            public long nextArrivalNanos() {
                return source.nextArrivalNanos();
            }

            @Override
            public void emitNext(FrameSink sink) {
                long arrival = source.nextArrivalNanos();
                source.emitNext(sink);
                onFrame(arrival);
            }

            @Override
            public void prepareUntil(long horizonNanos) {
                source.prepareUntil(horizonNanos);
            }

            @Override
            public void preallocateBuffers(int buffersPerStream) {
                source.preallocateBuffers(buffersPerStream);
            }

            @Override
            public String describe() {
                return source.describe();
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    private void onFrame(long arrivalNanos) {
        frames++;
        vehicleNanos = arrivalNanos - firstNanos;
        long now = System.nanoTime();
        if (now - lastPrint >= (mode == Mode.TERMINAL ? TERMINAL_PERIOD_NANOS : LINES_PERIOD_NANOS)) {
            lastPrint = now;
            print(now);
        }
    }

    private void print(long now) {
        String line = line(now);
        if (mode == Mode.TERMINAL) {
            out.print("\r" + line + "   ");
            drew = true;
        } else {
            out.println("  progress: " + line);
        }
        out.flush();
    }

    /** The progress line as of {@code now} (wall clock). */
    String line(long now) {
        double wall = Math.max(1e-9, (now - wallStart) / 1e9);
        double vehicle = vehicleNanos / 1e9;
        double rtf = vehicle / wall;
        boolean total = lastNanos != RecordedSource.END;
        double totalSeconds = total ? (lastNanos - firstNanos) / 1e9 : Double.NaN;
        String eta = total && rtf > 0 ? String.format(Locale.ROOT, "ETA %.0f s", (totalSeconds - vehicle) / rtf)
                : "ETA -";
        return String.format(Locale.ROOT, "t %.1f / %s s  %.1f frames/s  %.2fx real time  %s  drops %d", vehicle,
                total ? String.format(Locale.ROOT, "%.1f", totalSeconds) : "?", frames / wall, rtf, eta,
                drops.getAsLong());
    }

    /** Ends the progress display (the terminal line is completed, a last plain line printed). */
    public void finish() {
        if (mode == Mode.OFF) {
            return;
        }
        if (mode == Mode.TERMINAL) {
            if (drew) {
                out.println();
            }
        } else {
            out.println("  progress: " + line(System.nanoTime()));
        }
        out.flush();
    }
}
