package org.avfusion.drivers.recorded.format;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The recording formats this build replays, in the order a path is tried against them, and the choice of one for a
 * path. To add a format, implement {@link RecordingFormat} and add it to {@link #ALL}, before the folder
 * formats if its recognition is narrower.
 */
public final class RecordingFormats {
    /** Every format, in recognition order: the narrowest first. */
    public static final List<RecordingFormat> ALL = List.of(new McapFormat(), new Ros2McapFormat(),
            new RosbagFormat(), new DriveFolderFormat(),
            new KittiRawFormat(), new SweepFolderFormat());

    private RecordingFormats() {
    }

    /**
     * The format of {@code path}.
     *
     * @throws RecordingFormatException when the path does not exist, or no format recognises it: the message lists
     *                                  what each format expects
     */
    public static RecordingFormat detect(Path path) throws RecordingFormatException {
        if (!Files.exists(path)) {
            throw new RecordingFormatException("recording " + path + " not found");
        }
        for (RecordingFormat f : ALL) {
            if (f.recognizes(path)) {
                return f;
            }
        }
        throw new RecordingFormatException(path + " is not a recording this build replays; expected one of:\n"
                + ALL.stream().map(f -> "  " + f.name() + ": " + f.expects()).collect(Collectors.joining("\n")));
    }

    /** The format called {@code name} (see {@link RecordingFormat#name()}). */
    public static RecordingFormat byName(String name) throws RecordingFormatException {
        for (RecordingFormat f : ALL) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new RecordingFormatException("unknown recording format '" + name + "'; known: "
                + ALL.stream().map(RecordingFormat::name).collect(Collectors.joining(", ")));
    }
}
