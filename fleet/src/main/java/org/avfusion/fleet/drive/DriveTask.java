package org.avfusion.fleet.drive;

import java.io.Serializable;
import java.util.Objects;

/**
 * One drive to replay: its id in the outputs (the list's line, or the folder entry's name) and what to open.
 *
 * @param index position in the drive list (0-based): tasks and output rows keep this order
 * @param id    the drive's name in every table and report (unique in a job)
 * @param input a recording path, or {@code scenario:NAME|FILE} for a simulated drive
 */
public record DriveTask(int index, String id, String input) implements Serializable {
    /** Prefix of a simulated drive in a drive list. */
    public static final String SCENARIO_PREFIX = "scenario:";

    public DriveTask {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
    }

    /** Whether this is a simulated scenario. */
    public boolean isScenario() {
        return input.startsWith(SCENARIO_PREFIX);
    }
}
