package org.avfusion.runtime.output.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording failures stop the recording, say why, and leave the decisions alone; paths that cannot be written fail
 * at start naming the path; directory recordings rotate.
 */
class RecordFailureTest {
    private static final long FRAMES = 300;

    @TempDir
    Path dir;

    /** A disk that fills up after {@code limit} bytes. */
    static final class FillingDisk extends FilterOutputStream {
        private long left;

        FillingDisk(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("No space left on device");
            }
            left -= len;
            out.write(b, off, len);
        }
    }

    @Test
    void aFullDiskStopsTheRecordingAndSaysSoWhileDecisionsContinue() {
        RecordedDrives.Run plain = RecordedDrives.simulate("pedestrian-crossing", FRAMES, List.of());
        Path file = dir.resolve("full.mcap");
        McapFileSink sink = McapFileSink.file(file, RecordConfig.defaults().withMinFreeBytes(0),
                p -> new FillingDisk(Files.newOutputStream(p), 2 << 20));
        RecordedDrives.Run recorded = RecordedDrives.simulate("pedestrian-crossing", FRAMES, List.of(sink));

        assertEquals(plain.decisions(), recorded.decisions(), "the same decisions with a failing recording");
        assertEquals(1, recorded.recorder().stoppedSinks().size(), recorded.recorder().toString());
        String why = recorded.recorder().stoppedSinks().get(0);
        assertTrue(why.contains("No space left on device") && why.contains(file.toString()), why);
        assertTrue(sink.messagesWritten() > 0 && sink.messagesWritten() < recorded.recorder().messagesOut(),
                "wrote " + sink.messagesWritten() + " of " + recorded.recorder().messagesOut());
    }

    @Test
    void aDiskBelowTheFreeSpaceFloorFailsAtStartNamingTheDirectory() {
        RecordException e = assertThrows(RecordException.class, () -> RecordedDrives.simulate("clear-road", 10,
                List.of(McapFileSink.file(dir.resolve("x.mcap"), RecordConfig.defaults().withMinFreeBytes(1L << 40)))));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("below the floor"),
                e.getMessage());
    }

    @Test
    void aFileInAMissingDirectoryFailsAtStartNamingIt() {
        Path file = dir.resolve("missing").resolve("x.mcap");
        RecordException e = assertThrows(RecordException.class, () -> McapFileSink.file(file, RecordConfig.defaults()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aDirectoryRecordingRotatesBySize() throws Exception {
        Path out = dir.resolve("rec");
        McapFileSink sink = McapFileSink.directory(out, RecordConfig.defaults().withMinFreeBytes(0)
                .withMaxFile(1 << 20, 600));
        RecordedDrives.Run run = RecordedDrives.simulate("pedestrian-crossing", FRAMES, List.of(sink));
        assertTrue(run.recorder().stoppedSinks().isEmpty(), run.recorder().stoppedSinks().toString());
        List<Path> files = sink.files();
        assertTrue(files.size() > 2, "files: " + files);
        long total = 0;
        for (Path f : files) {
            try (var reader = org.avfusion.drivers.recorded.mcap.McapReader.open(f)) {
                assertEquals(sink.files().size() > 0 ? reader.summary().channels().size() : 0,
                        run.config().sensors().size() + Recorder.Output.values().length, f + ": every channel");
                total += reader.summary().statistics().messageCount();
            }
        }
        assertEquals(run.recorder().messagesOut(), total, "every message in exactly one file");
    }
}
