package org.avfusion.runtime.output.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.foxglove.McapRecordingSource;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.runtime.pipeline.Pipeline;
import org.avfusion.runtime.pipeline.RecordedProfile;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.SimulatedDrive;

/** Fixtures: a simulated drive through the pipeline with a recorder, and a recording replayed through it. */
public final class RecordedDrives {
    private RecordedDrives() {
    }

    /** One decision, the fields a replay must reproduce. */
    public record DecisionLine(String kind, String reason, long referenceStampNanos, double obstacleMeters,
            double speedMetersPerSecond, boolean partial) {
    }

    /** What a drive decided, and the config it ran with. */
    public record Run(List<DecisionLine> decisions, RuntimeConfig config, Recorder.Stats recorder) {
    }

    /** Discards everything: recording tests look at the recorder, not MQTT. */
    static final class NullOutput implements OutputChannel {
        @Override
        public boolean decision(byte[] json) {
            return true;
        }

        @Override
        public boolean occupancy(byte[] json) {
            return true;
        }

        @Override
        public boolean objects(byte[] json) {
            return true;
        }

        @Override
        public boolean health(byte[] json) {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** Runs a built-in scenario as fast as possible, recording into {@code sinks} (none: no recorder). */
    public static Run simulate(String scenario, long maxFrames, List<ChannelSink> sinks) {
        try (SimulatedDrive drive = new SimulatedDrive(ScenarioCatalog.loadBuiltIn(scenario))) {
            RuntimeConfig config = ReplayJob.adaptToRig(RuntimeConfig.defaults(), drive);
            Recorder recorder = sinks.isEmpty() ? null : recorder(config, sinks);
            return run(drive, config, maxFrames, recorder);
        }
    }

    /** A recorder for a pipeline of {@code config} (no disk floor: tests write to temp folders). */
    public static Recorder recorder(RuntimeConfig config, List<ChannelSink> sinks) {
        var ref = config.sensors().get(config.referenceIndex());
        return new Recorder(RecordConfig.defaults().withMinFreeBytes(0), config.sensors().stream()
                .map(org.avfusion.runtime.config.SensorConfig::id).toList(), config.vehicle().lidarMount().toPose(), ref.name(),
                sinks, RecordedProfile.metadata(config));
    }

    /** Replays an avfusion recording with {@code profile} adapted to the rig the recording names. */
    static Run replay(Path file, RuntimeConfig profile) throws Exception {
        try (McapRecordingSource source = McapRecordingSource.open(file, McapRecordingSource.Config.defaults(),
                new RecordedHealth(file.getFileName().toString()))) {
            RuntimeConfig config = RecordedProfile.apply(profile, source.metadata(RecordedProfile.NAME));
            Run run = run(source, config, Long.MAX_VALUE, null);
            if (source.health().rejected() != 0) {
                throw new AssertionError("recording replay skipped frames: " + source.health().lastError());
            }
            return run;
        }
    }

    public static Run run(RecordedSource source, RuntimeConfig config, long maxFrames, Recorder recorder) {
        List<DecisionLine> decisions = Collections.synchronizedList(new ArrayList<>());
        ReplayPacer pacer = new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, config.ring().tickPeriodNanos());
        OutputChannel out = recorder == null ? new NullOutput() : recorder.tee(new NullOutput(),
                pacer::nowVehicleNanos);
        try (Pipeline pipeline = new Pipeline(config, out, pacer::releasedVehicleNanos, pacer::nowVehicleNanos,
                (d, set, latency) -> decisions.add(new DecisionLine(d.kind().name(), d.reason().name(),
                        d.referenceStampNanos(), d.obstacleDistanceMeters(), d.speedMetersPerSecond(),
                        set.isPartial())), "off (test)", recorder == null ? null : recorder::appendHealth)) {
            FrameSink sink = recorder == null ? pipeline.sink()
                    : recorder.tap(pipeline.sink(), pacer::releasedVehicleNanos);
            pacer.run(source, sink, pipeline::tick, maxFrames);
            pipeline.finish(60_000);
        } finally {
            if (recorder != null) {
                recorder.close();
            }
        }
        return new Run(List.copyOf(decisions), config, recorder == null ? null : recorder.stats());
    }
}
