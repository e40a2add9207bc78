package org.avfusion.runtime.output.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.drivers.frame.SensorId;

/**
 * What a job is asked to record or serve: an MCAP file ({@code replay --record FILE.mcap}), a directory of rotating
 * files ({@code run --record DIR}), and/or a live view over the Foxglove WebSocket protocol ({@code --foxglove PORT}).
 *
 * @param path      file or directory, or null for none
 * @param directory whether {@code path} is a directory of rotating files
 * @param live      opens the live-view sink (the Foxglove WebSocket server) for a port, or null for none
 */
public record RecordRequest(Path path, boolean directory, RecordConfig config,
        Function<RecordConfig, ChannelSink> live) {
    public RecordRequest {
        if (config == null) {
            config = RecordConfig.defaults();
        }
    }

    /**
     * The same request for a replay as fast as possible: the pipeline waits for the writer instead of dropping
     * ({@link RecordConfig#waitWhenFull}).
     */
    public RecordRequest waitingWhenFull() {
        return new RecordRequest(path, directory, config.withWaitWhenFull(true), live);
    }

    /** Nothing asked: null, so callers can write {@code request == null ? ... }. */
    public static RecordRequest of(Path path, boolean directory, RecordConfig config,
            Function<RecordConfig, ChannelSink> live) {
        return path == null && live == null ? null : new RecordRequest(path, directory, config, live);
    }

    /**
     * Opens the sinks and the recorder: fails now, naming the path, when it cannot be written.
     *
     * @param sensors    the configured sensors, one input channel each
     * @param lidarMount the reference lidar's mount (recorded on /tf)
     * @param lidarFrame the reference lidar's name
     * @param rig        the rig, for the recording's metadata (see {@code pipeline.RecordedProfile})
     */
    public Recorder open(List<SensorId> sensors, MountPose lidarMount, String lidarFrame, Map<String, String> rig) {
        List<ChannelSink> sinks = new ArrayList<>();
        try {
            if (path != null) {
                sinks.add(directory ? McapFileSink.directory(path, config) : McapFileSink.file(path, config));
            }
            if (live != null) {
                sinks.add(live.apply(config));
            }
            return new Recorder(config, sensors, lidarMount, lidarFrame, sinks, rig);
        } catch (RuntimeException e) {
            sinks.forEach(ChannelSink::close);
            throw e;
        }
    }
}
