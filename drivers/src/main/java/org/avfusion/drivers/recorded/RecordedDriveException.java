package org.avfusion.drivers.recorded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A recorded drive that cannot be opened at all: a missing folder or file, a bag that is not a bag, a truncated
 * copy. Carries the file and, where known, the byte offset at which reading failed. Problems that spoil only some
 * frames are not thrown but counted in {@link RecordedHealth}.
 */
public final class RecordedDriveException extends IOException {
    private static final long serialVersionUID = 1L;

    /** {@link #offset()} when no byte offset applies. */
    public static final long NO_OFFSET = -1;

    private final transient Path file;
    private final long offset;

    /**
     * @param file   the file or folder that failed
     * @param offset byte offset in {@code file}, or {@link #NO_OFFSET}
     * @param reason what is wrong, without the file name (it is prepended)
     */
    public RecordedDriveException(Path file, long offset, String reason, Throwable cause) {
        super(describe(file, offset, reason), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.offset = offset;
    }

    public RecordedDriveException(Path file, long offset, String reason) {
        this(file, offset, reason, null);
    }

    /** {@code "<file>@<offset>: <reason>"}, or {@code "<file>: <reason>"} without an offset. */
    public static String describe(Path file, long offset, String reason) {
        return offset == NO_OFFSET ? file + ": " + reason : file + "@" + offset + ": " + reason;
    }

    public Path file() {
        return file;
    }

    /** Byte offset of the failure in {@link #file()}, or {@link #NO_OFFSET}. */
    public long offset() {
        return offset;
    }
}
