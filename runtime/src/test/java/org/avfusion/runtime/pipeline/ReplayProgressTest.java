package org.avfusion.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;
import org.junit.jupiter.api.Test;

/** The progress display: what the line says, and plain lines (no carriage return) when not on a terminal. */
class ReplayProgressTest {
    /** Ten frames 100 ms apart. */
    private static RecordedSource tenFrames() {
        return new RecordedSource() {
            private int next;

            @Override
            public long nextArrivalNanos() {
                return next < 10 ? next * 100_000_000L : END;
            }

            @Override
            public void emitNext(FrameSink sink) {
                next++;
            }

            @Override
            public String describe() {
                return "ten";
            }
        };
    }

    @Test
    void plainLinesNameVehicleTimeOfTotalDropsAndNoCarriageReturn() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ReplayProgress progress = new ReplayProgress(ReplayProgress.Mode.LINES, out, 0, 900_000_000L, () -> 3);
        RecordedSource s = progress.wrap(tenFrames());
        while (s.nextArrivalNanos() != RecordedSource.END) {
            s.emitNext((h, p) -> true);
        }
        progress.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("t 0.9 / 0.9 s"), text);
        assertTrue(text.contains("drops 3"), text);
        assertTrue(text.contains("ETA 0 s"), text);
        assertEquals(-1, text.indexOf('\r'), "no carriage return off a terminal: " + text);
    }

    @Test
    void unknownTotalShowsQuestionMarkAndNoEta() {
        ReplayProgress progress = new ReplayProgress(ReplayProgress.Mode.TERMINAL,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), 0, RecordedSource.END,
                () -> 0);
        String line = progress.line(System.nanoTime());
        assertTrue(line.contains("/ ? s") && line.contains("ETA -"), line);
    }
}
