package org.avfusion.drivers.recorded.mcap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An MCAP file that does not follow the format where it is read: a wrong magic, a record that runs past the end of
 * the file (a truncated copy), a chunk compressed with an unknown algorithm, a CRC that does not match, a field that
 * does not fit its record. Names the file and the byte offset (from the start of the file) where the problem is;
 * the message reads {@code <file>@<offset>: <problem>}. {@link #truncated()} tells a file that simply ends too
 * early (a recording cut short by a crash or power loss: everything before the offset is intact) from one whose
 * bytes are wrong.
 */
public final class McapFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;
    private final String problem;
    private final boolean truncated;
    private final transient McapChunkLoss loss;
    private final boolean warning;

    /**
     * @param file    the file read; null when the bytes did not come from a file ({@code <bytes>} in the message)
     * @param offset  byte offset of the problem from the start of the file
     * @param problem what is wrong there, without the file name
     */
    public McapFormatException(Path file, long offset, String problem) {
        this(file, offset, problem, false);
    }

    /**
     * @param truncated true when the file ends where the format says it goes on (the record at {@code offset} is
     *                  cut off, or the file stops before Data End and the Footer)
     */
    public McapFormatException(Path file, long offset, String problem, boolean truncated) {
        this(file, offset, problem, truncated, null, false);
    }

    private McapFormatException(Path file, long offset, String problem, boolean truncated, McapChunkLoss loss,
            boolean warning) {
        super((file == null ? "<bytes>" : file.toString()) + "@" + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
        this.problem = problem;
        this.truncated = truncated;
        this.loss = loss;
        this.warning = warning;
    }

    /** A damaged chunk skipped: {@code loss} says which messages it cost. */
    public static McapFormatException chunkLost(Path file, long offset, String problem, McapChunkLoss loss) {
        return new McapFormatException(file, offset, problem, false, java.util.Objects.requireNonNull(loss, "loss"),
                false);
    }

    /** Something wrong with the file that costs no message (a damaged record outside any chunk, a file CRC). */
    public static McapFormatException warning(Path file, long offset, String problem) {
        return new McapFormatException(file, offset, problem, false, null, true);
    }

    /** The messages a skipped chunk cost, or null when this problem is not a chunk skipped. */
    public McapChunkLoss loss() {
        return loss;
    }

    /** True when this problem costs no message: a warning about the file. */
    public boolean warning() {
        return warning;
    }

    /** What is wrong, without the file and offset. */
    public String problem() {
        return problem;
    }

    /** The file read, or null. */
    public Path file() {
        return file;
    }

    /** True when the file ends too early at {@link #offset()}: cut short, not corrupt. */
    public boolean truncated() {
        return truncated;
    }

    /** Byte offset of the problem from the start of the file. */
    public long offset() {
        return offset;
    }
}
