package org.avfusion.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.drivers.recorded.format.RecordingRequest;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.avfusion.runtime.warmup.Rehearsal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rehearsal's report, and a recording it cannot open again: skipped with the reason, never thrown. */
class RehearsalTest {
    @TempDir
    Path temp;

    @Test
    void aRecordingThatCannotBeOpenedAgainSkipsTheRehearsalWithTheReason() throws Exception {
        Path gone = temp.resolve("gone");
        Files.createDirectories(gone); // a folder that is none of the formats
        Rehearsal r = Replay.rehearse(ReplayInput.recording(gone), new ConfigLoader().loadDefault(), null,
                RecordingRequest.defaults(), new ReplayJob.Options(1.0, Long.MAX_VALUE, null, null));
        assertFalse(r.ran());
        assertTrue(r.skipped().startsWith("the recording could not be opened again: "), r.skipped());
        assertTrue(r.consoleLine().startsWith("rehearsal: skipped ("), r.consoleLine());
    }

    @Test
    void itsFiguresAreCheckedAndPrinted() {
        Rehearsal r = new Rehearsal(2.0, 2, 80, 40, 3753.9, null);
        assertTrue(r.ran());
        assertEquals("rehearsal: the first 2.0 s of the recording, 2 passes (80 frames, 40 decisions, discarded) "
                + "through a throwaway pipeline in 3754 ms", r.consoleLine());
        assertTrue(new Rehearsal(3.0, 1, 60, 30, 2000, null).consoleLine().contains(", 1 pass ("));
        assertThrows(IllegalArgumentException.class, () -> new Rehearsal(-1, 0, 0, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Rehearsal(1, 1, -1, 0, 0, null));
        assertThrows(NullPointerException.class, () -> Rehearsal.skipped(null));
    }
}
