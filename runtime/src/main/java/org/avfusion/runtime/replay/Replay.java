package org.avfusion.runtime.replay;

import org.avfusion.drivers.source.RecordedSource;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.avfusion.calibration.io.RigYamlReader;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.drivers.recorded.format.RecordingFormat;
import org.avfusion.drivers.recorded.format.RecordingFormatException;
import org.avfusion.drivers.recorded.format.RecordingFormats;
import org.avfusion.drivers.recorded.format.RecordingRequest;
import org.avfusion.drivers.recorded.format.RecordingSource;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.output.DecisionListener;
import org.avfusion.runtime.output.inprocess.InProcessOutputChannel;
import org.avfusion.runtime.pipeline.RecordingProfile;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.avfusion.runtime.warmup.Rehearsal;
import org.avfusion.runtime.warmup.WarmUpFrames;
import org.avfusion.scenarios.sim.ScenarioCatalog;

/**
 * Replay as a library call: {@link #run} opens one {@link ReplayInput} (a scenario, or a recording in its format),
 * replays it through the whole pipeline with {@link ReplayJob} and hands every decision, as a
 * {@link DecisionRecord}, to a consumer; {@link #inProcess} does so at full speed into an in-process output (no
 * broker, no port) and returns the decisions with the summary. {@code avfusion replay} calls {@link #run} with MQTT
 * output and a console; the fleet replay calls {@link #inProcess}.
 *
 * <p>Threading and state: no static mutable state; each call builds its own pipeline, pools and output, so calls on
 * different threads run side by side. Memory: the recording's pools and the pipeline's rings are bounded; only the
 * decisions {@link #inProcess} returns grow with the drive (one small record per decision; use {@link #run} with a
 * streaming consumer where that matters). The consumer is called on the pipeline's publish thread, in order.
 */
public final class Replay {
    private Replay() {
    }

    /**
     * Replays {@code input} under {@code profile} with {@code options}.
     *
     * @param decisions receives every decision in order, or null
     * @throws IllegalArgumentException naming the file when the rig or the recording cannot be read, or the format
     *                                  is not supported
     */
    public static ReplayJob.Result run(ReplayInput input, RuntimeConfig profile, ReplayJob.Options options,
            Consumer<DecisionRecord> decisions) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(options, "options");
        if (input.isScenario()) {
            List<String> names = profile.sensors().stream().map(SensorConfig::name).toList();
            return ReplayJob.run(ScenarioCatalog.resolve(input.scenario()), profile,
                    observed(options, decisions, names));
        }
        Rig rig = null;
        if (input.rig() != null) {
            try {
                rig = RigYamlReader.read(input.rig());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--rig " + input.rig() + ": " + e.getMessage(), e);
            }
        }
        RecordingRequest paced = RecordingProfile.request(profile, rig, input.rateHz(), input.topics())
                .withDecodeImagePixels(RecordingProfile.readsImagePixels(profile, options));
        // as fast as possible the source waits for a free cloud: fewer of them only bound how far it reads ahead
        RecordingRequest fast = paced.withCloudBuffers(RecordingProfile.CLOUD_BUFFERS_AS_FAST_AS_POSSIBLE);
        RecordingRequest request = options.asFastAsPossible() ? fast : paced;
        RecordingSource source;
        try {
            source = open(input, request);
        } catch (RecordingFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (options.warmsUp()) {
            // a paced replay: rehearse the recording's first seconds (JIT on the real code paths and data), then
            // hand its first frames to the pipeline's own warm-up (its detector's first inferences, budget check)
            options = options.withRehearsal(rehearse(input, profile, rig, fast, options))
                    .withWarmUpFrames(firstFrames(input, request, options.detection() != null));
        }
        try (RecordingSource s = source) {
            Rig applied = rig != null ? rig : s.rig();
            List<String> names = RecordingProfile.forRecording(profile, s.sensors(), applied, "--rig " + input.rig())
                    .sensors().stream().map(SensorConfig::name).toList();
            return ReplayJob.run(s, profile, rig, "--rig " + input.rig(), observed(options, decisions, names));
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Recorded time a paced replay rehearses before its clock starts ({@link #rehearse}), seconds. */
    static final double REHEARSAL_SECONDS = 3.0;
    /** A rehearsal shorter than this many sets (decisions) is run again... */
    static final int REHEARSAL_MIN_SETS = 40;
    /** ...up to this many passes in all. */
    static final int REHEARSAL_PASSES = 3;

    /**
     * Opens the recording in its format, the one {@code --format} forces or the one its path shows. A forced format
     * that does not recognise the path and cannot open it says which format was forced and what it expects (its
     * own message alone once said "ROS bag not found" for an existing folder); where the format's own message already
     * says the path is of the wrong kind and what it expects, that message is given with the format's name.
     */
    private static RecordingSource open(ReplayInput input, RecordingRequest request) throws RecordingFormatException {
        if (input.format() == null) {
            return RecordingFormats.detect(input.recording()).open(input.recording(), request);
        }
        RecordingFormat f = RecordingFormats.byName(input.format());
        try {
            return f.open(input.recording(), request);
        } catch (RecordingFormatException e) {
            if (f.recognizes(input.recording()) || !java.nio.file.Files.exists(input.recording())) {
                throw e;
            }
            if (e.getMessage().contains("(expected " + f.expects() + ")")) { // says the path is of the wrong kind
                throw new RecordingFormatException("--format " + f.name() + ": " + e.getMessage(), e);
            }
            throw new RecordingFormatException("--format " + f.name() + ": " + input.recording() + " is not "
                    + f.expects() + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Replays the first {@link #REHEARSAL_SECONDS} of the recording (from {@code options.fromSeconds()}; again, up to
     * {@link #REHEARSAL_PASSES} passes, while fewer than {@link #REHEARSAL_MIN_SETS} sets went through: the JIT
     * compiles the stages' code with C2 over a few tens of sets) as fast as possible through a throwaway pipeline
     * built like the real one (same profile, rig and detector model; a second
     * instance of the recording, an in-process output whose decisions are discarded; no console, report, decisions
     * file, recording or warm-up), so that the real replay's first sets run code the JIT compiled on this recording:
     * the ring, aligner, stages and encoders as well as the algorithms {@link org.avfusion.runtime.warmup.StageWarmup}
     * reaches. Nothing of it reaches the broker or the replay's outputs, and the real pipeline's state is its own (the
     * decisions are the same with and without it). Best effort: a recording that cannot be opened or replayed again
     * gives a skipped rehearsal with the reason (the replay itself then reports the problem).
     */
    static Rehearsal rehearse(ReplayInput input, RuntimeConfig profile, Rig rig, RecordingRequest request,
            ReplayJob.Options options) {
        long t0 = System.nanoTime();
        RecordingSource again;
        try {
            again = open(input, request);
        } catch (RecordingFormatException | RuntimeException e) {
            return Rehearsal.skipped("the recording could not be opened again: " + e.getMessage());
        }
        long[] decisions = {0};
        double from = options.fromSeconds();
        double to = Math.min(options.toSeconds(), from + REHEARSAL_SECONDS);
        ReplayJob.Options rehearsal = new ReplayJob.Options(ReplayPacer.AS_FAST_AS_POSSIBLE, Long.MAX_VALUE, null,
                null, java.util.function.UnaryOperator.identity(), (d, set, latency) -> decisions[0]++,
                options.detection())
                .withOutput(InProcessOutputChannel::new)
                .withWarmUp(ReplayJob.WarmUp.OFF)
                .withWindow(from, to);
        double seconds = 0;
        long frames = 0;
        int passes = 0;
        try {
            // a short recording is rehearsed again until REHEARSAL_MIN_SETS sets went through (or REHEARSAL_PASSES)
            while (passes < REHEARSAL_PASSES && (passes == 0 || decisions[0] < REHEARSAL_MIN_SETS)) {
                RecordingSource next = again != null ? again : open(input, request);
                again = null; // a pass's source (and its pooled sweeps) is garbage once the pass is done
                try (RecordingSource s = next) {
                    ReplayJob.Result r = ReplayJob.run(s, profile, rig, "--rig " + input.rig(), rehearsal);
                    seconds = r.vehicleSeconds();
                    frames += r.frames();
                }
                passes++;
            }
        } catch (RecordingFormatException | RuntimeException e) {
            return Rehearsal.skipped("failed: " + e.getMessage()); // each pass's source closed by its try
        }
        return new Rehearsal(seconds, passes, frames, decisions[0], (System.nanoTime() - t0) / 1e6, null);
    }

    /** Sweeps of the recording the warm-up runs: at most this many... */
    static final int WARM_UP_SWEEPS = 3;
    /** ...among its first this many frames (a recording without lidar is not read through). */
    static final int WARM_UP_FRAMES_SCANNED = 64;

    /**
     * Copies of the first {@link #WARM_UP_SWEEPS} sweeps of the recording's (first) lidar among its first
     * {@link #WARM_UP_FRAMES_SCANNED} frames and, with {@code withImages} when the request decodes pixels and the
     * recording has a camera, copies of its first camera's image of each sweep (the camera the pipeline detects on;
     * paired by nearest capture stamp, see {@link WarmUpFrameCollector}), read from a second, short-lived instance of
     * the recording (the replay's own source is untouched), for the warm-up. Best effort: a recording that cannot be
     * read again gives none (the replay reports its problems itself); images only when every sweep got one.
     *
     * @param withImages whether the warm-up wants camera images (a detector is configured)
     */
    static WarmUpFrames firstFrames(ReplayInput input, RecordingRequest request, boolean withImages) {
        RecordingSource opened;
        try {
            opened = open(input, request);
        } catch (RecordingFormatException | RuntimeException e) {
            return WarmUpFrames.NONE;
        }
        try (RecordingSource again = opened) {
            SensorId lidar = first(again.sensors(), SensorKind.LIDAR);
            if (lidar == null) {
                return WarmUpFrames.NONE;
            }
            SensorId camera = withImages && request.decodeImagePixels() ? first(again.sensors(), SensorKind.CAMERA)
                    : null;
            WarmUpFrameCollector collector = new WarmUpFrameCollector(lidar, camera, WARM_UP_SWEEPS);
            for (int n = 0; n < WARM_UP_FRAMES_SCANNED && !collector.done()
                    && again.nextArrivalNanos() != RecordedSource.END; n++) {
                again.emitNext(collector);
            }
            return collector.frames();
        } catch (RuntimeException e) {
            return WarmUpFrames.NONE; // the replay itself meets the same problem and reports it
        }
    }

    /** The first sensor of {@code kind} (the one the recording's profile makes the reference or detecting one). */
    private static SensorId first(List<SensorId> sensors, SensorKind kind) {
        return sensors.stream().filter(s -> s.kind() == kind).findFirst().orElse(null);
    }

    /** Replays {@code input} as fast as possible into an in-process output, silently; returns what it decided. */
    public static ReplayOutcome inProcess(ReplayInput input, RuntimeConfig profile) {
        return inProcess(input, profile, null);
    }

    /**
     * As {@link #inProcess(ReplayInput, RuntimeConfig)} with camera detection.
     *
     * @param detection the detector to run on the camera, or null for none
     */
    public static ReplayOutcome inProcess(ReplayInput input, RuntimeConfig profile, DetectorConfig detection) {
        List<DecisionRecord> decisions = new ArrayList<>();
        ReplayJob.Options options = new ReplayJob.Options(ReplayPacer.AS_FAST_AS_POSSIBLE, Long.MAX_VALUE, null, null,
                java.util.function.UnaryOperator.identity(), DecisionListener.NONE, detection)
                .withOutput(InProcessOutputChannel::new);
        ReplayJob.Result summary = run(input, profile, options, decisions::add);
        return new ReplayOutcome(input, decisions, summary);
    }

    private static ReplayJob.Options observed(ReplayJob.Options options, Consumer<DecisionRecord> decisions,
            List<String> sensorNames) {
        if (decisions == null) {
            return options;
        }
        DecisionListener own = options.listener();
        long[] seq = {0};
        return options.withListener((d, set, latency) -> {
            decisions.accept(DecisionRecord.of(seq[0]++, d, set, latency, sensorNames));
            own.onDecision(d, set, latency);
        });
    }
}
