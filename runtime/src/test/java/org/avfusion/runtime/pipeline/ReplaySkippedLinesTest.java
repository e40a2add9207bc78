package org.avfusion.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The replay console's account of frames the recording lost ({@link ReplayJob#skippedLines}). */
class ReplaySkippedLinesTest {
    @Test
    void oneFrameIsNamedUnderItsCount() {
        assertEquals(List.of("  skipped in the recording: 1 frame", "    MALFORMED: a.bin: cut short"),
                ReplayJob.skippedLines(1, List.of("MALFORMED: a.bin: cut short")));
    }

    @Test
    void moreThanTheLinesShownSaysHowManyAreListed() {
        List<String> kept = IntStream.range(0, 64).mapToObj(i -> "UNREADABLE_FILE: " + i + ".png").toList();
        List<String> lines = ReplayJob.skippedLines(200, kept);
        assertEquals(1 + ReplayJob.SKIP_LINES, lines.size());
        assertEquals("  skipped in the recording: 200 frames (the first 10 messages below)", lines.get(0));
        assertEquals("    UNREADABLE_FILE: 0.png", lines.get(1), "the first kept, as the report's list");
        assertEquals("    UNREADABLE_FILE: 9.png", lines.get(10));
    }

    /** A damaged chunk's 1,763 lost messages are one message: the line counts messages, not frames. */
    @Test
    void oneMessageForManyFramesIsCountedAsOneMessage() {
        assertEquals("  skipped in the recording: 1763 frames (1 message below)", ReplayJob.skippedLines(1763,
                List.of("UNREADABLE_FILE: husky.bag@700000: chunk 5: 1763 messages lost")).get(0));
    }

    /** Damage that cost no frame is still shown, as warnings. */
    @Test
    void warningsWithoutSkippedFramesAreListed() {
        assertEquals(List.of("  recording warnings:", "    WARNING: a.mcap: data section CRC mismatch"),
                ReplayJob.skippedLines(0, List.of("WARNING: a.mcap: data section CRC mismatch")));
    }
}
