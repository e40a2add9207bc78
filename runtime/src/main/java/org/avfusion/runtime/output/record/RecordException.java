package org.avfusion.runtime.output.record;

/**
 * A recording or live view that cannot start (a path that cannot be written, a disk below the floor, a port in
 * use): bad input, exit code 2. The message names the path or address and what to do.
 */
public final class RecordException extends IllegalArgumentException {
    public RecordException(String message) {
        super(message);
    }
}
