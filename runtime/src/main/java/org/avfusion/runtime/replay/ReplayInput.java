package org.avfusion.runtime.replay;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.avfusion.drivers.recorded.format.RecordingRequest;

/**
 * What one replay reads: a simulated scenario (a catalogue name or a scenario YAML file) or a recorded drive (any
 * {@link org.avfusion.drivers.recorded.format.RecordingFormats format}), with how to open the recording.
 *
 * @param scenario  scenario name or file, or null for a recording
 * @param recording recorded drive (folder or file), or null for a scenario
 * @param format    the recording's format name ({@code kitti-raw}, {@code sweeps}, {@code rosbag}, ...), or null to
 *                  recognise it from the path
 * @param rig       rig YAML for the recording, or null for the recording's own calibration
 * @param rateHz    frame rate of recordings without timestamps, in [0.1, 1000] Hz
 *                  ({@link org.avfusion.drivers.recorded.format.RecordingRequest#MIN_RATE_HZ})
 * @param topics    ROS topic to sensor name overrides (empty: by kind)
 */
public record ReplayInput(String scenario, Path recording, String format, Path rig, double rateHz,
        Map<String, String> topics) {
    /** Default frame rate of recordings without timestamps (as {@code avfusion replay --rate}). */
    public static final double DEFAULT_RATE_HZ = 10;

    public ReplayInput {
        if ((scenario == null) == (recording == null)) {
            throw new IllegalArgumentException("give exactly one of a scenario and a recording; were " + scenario
                    + " and " + recording);
        }
        if (!(rateHz >= RecordingRequest.MIN_RATE_HZ && rateHz <= RecordingRequest.MAX_RATE_HZ)) {
            throw new IllegalArgumentException("--rate must be in [" + RecordingRequest.MIN_RATE_HZ + ", "
                    + (int) RecordingRequest.MAX_RATE_HZ + "] Hz (a frame every 10 s at the slowest), was "
                    + rateHz);
        }
        topics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                Objects.requireNonNullElse(topics, Map.of()))); // in the order given: the sensors' order
    }

    /** A simulated scenario by catalogue name or file. */
    public static ReplayInput scenario(String nameOrFile) {
        return new ReplayInput(Objects.requireNonNull(nameOrFile, "scenario"), null, null, null, DEFAULT_RATE_HZ,
                Map.of());
    }

    /** A recorded drive in the format recognised from its path, under its own calibration. */
    public static ReplayInput recording(Path path) {
        return new ReplayInput(null, Objects.requireNonNull(path, "recording"), null, null, DEFAULT_RATE_HZ,
                Map.of());
    }

    /** This input under the rig {@code rigFile} (null: the recording's own calibration). */
    public ReplayInput withRig(Path rigFile) {
        return new ReplayInput(scenario, recording, format, rigFile, rateHz, topics);
    }

    /** This input opened as {@code formatName} (null: recognised from the path). */
    public ReplayInput withFormat(String formatName) {
        return new ReplayInput(scenario, recording, formatName, rig, rateHz, topics);
    }

    /** Whether this is a simulated scenario. */
    public boolean isScenario() {
        return scenario != null;
    }

    /** The scenario or the recording's path, for messages and as a drive's id. */
    public String describe() {
        return isScenario() ? "scenario:" + scenario : recording.toString();
    }
}
