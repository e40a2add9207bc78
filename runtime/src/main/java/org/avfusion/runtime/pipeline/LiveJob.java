package org.avfusion.runtime.pipeline;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.scenarios.sim.ScenarioSpec;
import org.avfusion.scenarios.sim.SimulatedDrive;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.runtime.output.record.RecordRequest;
import org.avfusion.runtime.output.record.Recorder;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.health.GcPauseMonitor;
import org.avfusion.runtime.health.JitCompileTime;
import org.avfusion.runtime.live.LiveSource;
import org.avfusion.runtime.live.LiveSourceException;
import org.avfusion.runtime.live.LiveSources;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.output.DecisionListener;
import org.avfusion.runtime.warmup.HeapBudget;

/**
 * Runs the pipeline live: frames are stamped and timed on the vehicle's monotonic clock ({@link VehicleClock#SYSTEM}),
 * the way a vehicle runs. Two kinds of source:
 * <ul>
 * <li>{@link #runSources}: the profile's {@code live.sources}, real drivers each on its own thread, with a tick
 *     thread calling {@link Pipeline#tick} every {@code ring.tickPeriodMillis}; stops after {@code durationSeconds}
 *     or on SIGINT/SIGTERM, closes every source, drains the pipeline and prints one JSON health line per source;</li>
 * <li>{@link #run}: the simulated rig played in real time, its stamps moved onto the vehicle clock, as a
 *     hardware-in-the-loop rig feeds simulated data through the runtime's real interfaces; stops at the scenario's
 *     end, after {@code durationSeconds}, or on SIGINT/SIGTERM (shutdown hook).</li>
 * </ul>
 * Either way, after the pipeline has drained (a signal included), the console gets what the run decided and its
 * latency budget over the whole run, as {@code replay} prints it ({@link #printEnd}).
 */
public final class LiveJob {
    private LiveJob() {
    }

    /** How long a shutdown hook (SIGINT/SIGTERM) waits for the job to close its sources and drain. */
    private static final long SHUTDOWN_WAIT_MILLIS = 20_000;

    /**
     * Runs the profile's {@code live.sources} until {@code durationSeconds} have passed (null: until SIGINT/SIGTERM).
     * Prints a start line, each change of decision, and at the end one JSON line per source with its health.
     *
     * @return exit code: 0, or 1 when a stage failed
     * @throws LiveSourceException when a source cannot start (nothing keeps running then)
     */
    public static int runSources(RuntimeConfig config, Double durationSeconds, PrintStream out) {
        return runSources(config, durationSeconds, out, null, null);
    }

    /**
     * As {@link #runSources(RuntimeConfig, Double, PrintStream)}, with camera detection by {@code detection}'s model
     * ({@code null}: off; the detector is opened before any source starts, so a bad model fails fast), and recording
     * (rotating MCAP files, live view) as {@code record} asks ({@code null}: none). Recording never blocks the
     * pipeline and a failing disk stops only it.
     *
     * @throws org.avfusion.runtime.config.ConfigException naming the path when the recording cannot be written
     */
    public static int runSources(RuntimeConfig config, Double durationSeconds, PrintStream out,
            org.avfusion.runtime.inference.DetectorConfig detection, RecordRequest record) {
        return runSources(config, null, durationSeconds, out, detection, record);
    }

    /**
     * The reference lidar into the first camera's image, from the profile's rig ({@code vehicle.rigFile}, relative to
     * {@code profileFolder}): detections are then fused with lidar clusters into tracks. Null without a rig, or when
     * the rig lacks the lidar, the camera or its intrinsics (detections are then published, not fused).
     */
    static org.avfusion.calibration.projection.PointProjector liveProjector(RuntimeConfig config,
            java.nio.file.Path profileFolder) {
        if (!config.vehicle().hasRig()) {
            return null;
        }
        java.nio.file.Path file = profileFolder == null ? java.nio.file.Path.of(config.vehicle().rigFile())
                : profileFolder.resolve(config.vehicle().rigFile());
        org.avfusion.calibration.rig.Rig rig = org.avfusion.calibration.io.RigYamlReader.read(file);
        List<org.avfusion.drivers.frame.SensorId> sensors = new java.util.ArrayList<>();
        sensors.add(new org.avfusion.drivers.frame.SensorId(config.alignment().referenceSensor(),
                org.avfusion.drivers.frame.SensorKind.LIDAR));
        config.sensors().stream().filter(c -> c.kind() == org.avfusion.drivers.frame.SensorKind.CAMERA)
                .findFirst().ifPresent(c -> sensors.add(c.id()));
        return ReplayJob.projector(sensors, rig, true);
    }

    /**
     * As {@link #runSources(RuntimeConfig, Double, PrintStream, org.avfusion.runtime.inference.DetectorConfig,
     * RecordRequest)}, with the folder the profile was read from (its {@code vehicle.rigFile} is relative to it).
     */
    public static int runSources(RuntimeConfig config, java.nio.file.Path profileFolder, Double durationSeconds,
            PrintStream out, org.avfusion.runtime.inference.DetectorConfig detection, RecordRequest record) {
        if (config.live().sources().isEmpty()) {
            throw new IllegalArgumentException("live.sources is empty: nothing to run");
        }
        List<String> heapWarnings = HeapBudget.check(config, HeapBudget.Input.LIVE, detection != null,
                record == null ? 0 : record.config().queueBytes());
        Recorder recorder = record == null ? null : RecordedProfile.open(record, config);
        org.avfusion.calibration.projection.PointProjector projector = detection == null ? null
                : liveProjector(config, profileFolder);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                if (done.await(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    // a signal ends the JVM with 128 + signal; a clean stop on SIGINT/SIGTERM is a normal end
                    Runtime.getRuntime().halt(exitCode.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "avfusion-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "avfusion-tick");
            t.setDaemon(true);
            return t;
        });
        try (GcPauseMonitor gc = GcPauseMonitor.start();
                MqttOutputChannel channel = MqttOutputChannel.open(config.mqtt(), config.vehicle().id())) {
            AtomicReference<List<LiveSource>> built = new AtomicReference<>(List.of());
            OutputChannel output = recorder == null ? channel : recorder.tee(channel, VehicleClock.SYSTEM);
            FirstDecisionClock first = new FirstDecisionClock(new ChangePrinter(out), out);
            try (Pipeline pipeline = new Pipeline(config, output, VehicleClock.SYSTEM, VehicleClock.SYSTEM,
                    first, detection == null ? null
                            : org.avfusion.runtime.inference.CameraDetector.open(detection),
                    projector, projector != null ? ReplayJob.cameraDetection(detection)
                            : ReplayJob.cameraDetectionUnfused(detection), w -> {
                        channel.appendHealth(w);
                        LiveSources.appendHealth(w.generator(), built.get());
                        if (recorder != null) {
                            recorder.appendHealth(w);
                        }
                    }, Supervision.ENFORCED)) {
                FrameSink sink = recorder == null ? pipeline.sink() : recorder.tap(pipeline.sink(), VehicleClock.SYSTEM);
                List<LiveSource> sources = LiveSources.build(config, sink, VehicleClock.SYSTEM);
                built.set(sources);
                out.println("avfusion run: live on the vehicle clock, " + sources.size() + " source(s); MQTT "
                        + channel.brokerUri() + " topics avfusion/" + config.vehicle().id()
                        + "/{decision,objects,occupancy,health}");
                for (LiveSource s : sources) {
                    out.println("  live.sources[" + s.index() + "] " + s.config().sensor() + ": "
                            + s.config().driver() + " " + s.config().endpoint());
                }
                subscribeCommands(channel, pipeline, config, out);
                pipeline.noteStartUpWarnings(heapWarnings);
                out.println("  " + pipeline.warmUp(0, 0).consoleLine()); // before any source starts
                pipeline.budgetWarnings().forEach(w -> out.println("  budget: " + w));
                out.println("  " + deadlineLine(config));
                pipeline.publishReadyHealth(System.nanoTime()); // the live vehicle clock
                RunClock clock = RunClock.start(gc);
                first.clockStarted(clock.startNanos());
                pipeline.start();
                ticker.scheduleAtFixedRate(() -> pipeline.tick(System.nanoTime()), 0,
                        config.ring().tickPeriodNanos(), TimeUnit.NANOSECONDS);
                LiveSources.startAll(sources);
                try {
                    if (durationSeconds == null) {
                        stop.await();
                    } else {
                        stop.await(Math.round(durationSeconds * 1000), TimeUnit.MILLISECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                pipeline.stopWatchdog(); // closing the sources stops the decisions on purpose
                try {
                    LiveSources.closeAll(sources);
                } finally {
                    stopTicks(ticker);
                }
                pipeline.finish(10_000);
                for (LiveSource s : sources) {
                    out.println(LiveSources.healthLine(s));
                }
                printEnd(out, pipeline, channel, clock, first);
                long errors = pipeline.stageErrors().values().stream().mapToLong(Long::longValue).sum();
                exitCode.set(errors == 0 ? 0 : 1);
                out.flush();
                return exitCode.get();
            }
        } finally {
            ticker.shutdownNow();
            closeRecorder(recorder, out);
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook is waiting for this job, which is done now
            }
        }
    }

    private static void stopTicks(ScheduledExecutorService ticker) {
        ticker.shutdown();
        try {
            if (!ticker.awaitTermination(2, TimeUnit.SECONDS)) {
                ticker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the simulated rig of {@code scenario} in real time through the live path.
     *
     * @return exit code: 0, or 1 when a stage failed
     */
    public static int run(RuntimeConfig profile, ScenarioSpec scenario, Double durationSeconds, PrintStream out) {
        return run(profile, scenario, durationSeconds, out, null, null);
    }

    /**
     * As {@link #run(RuntimeConfig, ScenarioSpec, Double, PrintStream)}, with camera detection ({@code null}: off)
     * and recording as {@code record} asks ({@code null}: none).
     */
    public static int run(RuntimeConfig profile, ScenarioSpec scenario, Double durationSeconds, PrintStream out,
            org.avfusion.runtime.inference.DetectorConfig detection, RecordRequest record) {
        // pixels only for a consumer of them, as in replay (RecordingProfile.readsImagePixels)
        boolean pixels = detection != null || record != null || profile.fusion().depthModel().configured();
        try (SimulatedDrive drive = new SimulatedDrive(scenario, pixels)) {
            RuntimeConfig config = ReplayJob.adaptToRig(profile, drive);
            List<String> heapWarnings = HeapBudget.check(config, HeapBudget.Input.SIMULATED, detection != null,
                    record == null ? 0 : record.config().queueBytes());
            Recorder recorder = record == null ? null : RecordedProfile.open(record, config);
            ReplayPacer pacer = new ReplayPacer(1.0, config.ring().tickPeriodNanos());
            CountDownLatch done = new CountDownLatch(1);
            AtomicInteger exitCode = new AtomicInteger(1);
            Thread hook = new Thread(() -> {
                pacer.stop();
                try {
                    if (done.await(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                        // SIGINT/SIGTERM after a clean stop (offline health sent, broker folder removed): exit 0/1,
                        // not 128 + signal
                        Runtime.getRuntime().halt(exitCode.get());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "avfusion-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "avfusion-duration");
                t.setDaemon(true);
                return t;
            });
            FirstDecisionClock first = new FirstDecisionClock(
                    (d, set, latency) -> out.printf("%s %s %.1f ms%n", d.kind(), d.reason(), latency), out);
            try (GcPauseMonitor gc = GcPauseMonitor.start();
                    MqttOutputChannel channel = MqttOutputChannel.open(config.mqtt(), config.vehicle().id());
                    Pipeline pipeline = new Pipeline(config,
                            recorder == null ? channel : recorder.tee(channel, VehicleClock.SYSTEM),
                            VehicleClock.SYSTEM, VehicleClock.SYSTEM,
                            first,
                            detection == null ? null : org.avfusion.runtime.inference.CameraDetector.open(detection),
                            detection == null ? null : ReplayJob.cameraProjector(drive),
                            ReplayJob.cameraDetection(detection), w -> {
                                channel.appendHealth(w);
                                if (recorder != null) {
                                    recorder.appendHealth(w);
                                }
                            }, Supervision.ENFORCED)) {
                out.println("avfusion run: live on the vehicle clock, source: " + drive.describe() + " in real time; MQTT "
                        + channel.brokerUri());
                subscribeCommands(channel, pipeline, config, out);
                pipeline.noteStartUpWarnings(heapWarnings);
                out.println("  " + pipeline.warmUp(0, 0).consoleLine());
                pipeline.budgetWarnings().forEach(w -> out.println("  budget: " + w));
                out.println("  " + deadlineLine(config));
                pipeline.publishReadyHealth(drive.nextArrivalNanos());
                RunClock clock = RunClock.start(gc);
                first.clockStarted(clock.startNanos());
                pipeline.start();
                if (durationSeconds != null) {
                    // counted from here, as for live sources: the broker and the warm-up are not the run's time
                    timer.schedule(pacer::stop, Math.round(durationSeconds * 1000), TimeUnit.MILLISECONDS);
                }
                // the vehicle clock starts now, after the broker and the warm-up, not before them
                long base = System.nanoTime() - drive.nextArrivalNanos();
                FrameSink live = new ClockShiftingSink(recorder == null ? pipeline.sink()
                        : recorder.tap(pipeline.sink(), VehicleClock.SYSTEM), base);
                pacer.run(drive, live, t -> pipeline.tick(base + t), Long.MAX_VALUE);
                pipeline.finish(10_000);
                printEnd(out, pipeline, channel, clock, first);
                long errors = pipeline.stageErrors().values().stream().mapToLong(Long::longValue).sum();
                exitCode.set(errors == 0 ? 0 : 1);
                return exitCode.get();
            } finally {
                done.countDown();
                timer.shutdownNow();
                closeRecorder(recorder, out);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting: the hook has run
                }
            }
        }
    }

    /** Where the run's clock started: wall time, JVM uptime (the GC pauses' clock) and the JIT's time so far. */
    private record RunClock(GcPauseMonitor gc, long startNanos, long startUptimeMillis, long jitStartMillis) {
        static RunClock start(GcPauseMonitor gc) {
            return new RunClock(gc, System.nanoTime(), GcPauseMonitor.uptimeMillis(), JitCompileTime.totalMillis());
        }
    }

    /**
     * The run's end on the console, after the pipeline has drained: how long it ran since its clock started (after
     * the broker and the warm-up), its decisions by kind, frames dropped and stage errors, the time to its first
     * decision ({@link FirstDecisionClock}), then the latency budget of
     * the whole run ({@link LatencyBudget}: per stage, end to end, each decision to the broker's acknowledgement, the
     * GC pauses and the JIT's compilation since the clock started). The acknowledgements are those in by now: a run
     * does not wait for the outbox, as a replay does.
     */
    private static void printEnd(PrintStream out, Pipeline pipeline, MqttOutputChannel channel, RunClock clock,
            FirstDecisionClock first) {
        long toUptime = GcPauseMonitor.uptimeMillis();
        long jitRun = JitCompileTime.between(clock.jitStartMillis(), JitCompileTime.totalMillis());
        StringBuilder kinds = new StringBuilder();
        long decisions = 0;
        for (DecisionKind k : DecisionKind.values()) {
            long n = pipeline.decisionCount(k);
            decisions += n;
            kinds.append(kinds.length() == 0 ? "" : ", ").append(k.name()).append(' ').append(n);
        }
        long dropped = ReplayJob.droppedFrames(pipeline);
        long errors = pipeline.stageErrors().values().stream().mapToLong(Long::longValue).sum();
        out.printf(java.util.Locale.ROOT, "avfusion run: ran %.1f s after the warm-up: %d decisions (%s), "
                + "%d frames dropped (full ring), %d stage errors; %s%n",
                (System.nanoTime() - clock.startNanos()) / 1e9, decisions, kinds, dropped, errors, first.describe());
        LatencyBudget.print(out, pipeline, channel.decisionAckLatency(),
                clock.gc().summary(clock.startUptimeMillis(), toUptime), jitRun);
        out.flush();
    }

    /** The console line that states the latency budget and the watchdog period in force. */
    static String deadlineLine(RuntimeConfig config) {
        return String.format(java.util.Locale.ROOT, "latency budget %.0f ms (older PROCEED/SLOW: STOP DEADLINE_MISSED), "
                + "watchdog %.0f ms (no decision: STOP WATCHDOG_NO_DECISION), vehicle time",
                config.deadline().budgetMillis(), config.deadline().watchdogPeriodMillis());
    }

    /** Writes what the recorder holds, closes its files, and says when recording had stopped. */
    private static void closeRecorder(Recorder recorder, PrintStream out) {
        if (recorder == null) {
            return;
        }
        recorder.close();
        Recorder.Stats s = recorder.stats();
        out.println("  recorded " + s.messagesOut() + " messages (" + (s.bytesOut() >> 20) + " MiB JSON), dropped "
                + s.dropped() + (s.stoppedSinks().isEmpty() ? "" : "; recording stopped: "
                + String.join("; ", s.stoppedSinks())));
    }

    /** Prints a line whenever the decision's kind or reason changes (live decisions come at the lidar's rate). */
    private static final class ChangePrinter implements DecisionListener {
        private final PrintStream out;
        private DecisionKind lastKind;
        private Object lastReason;

        ChangePrinter(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onDecision(org.avfusion.runtime.plan.Decision d, org.avfusion.runtime.align.AlignedSet set,
                double latencyMillis) {
            if (d.kind() != lastKind || d.reason() != lastReason) {
                lastKind = d.kind();
                lastReason = d.reason();
                out.printf("  %s %s %.1f ms%s%n", d.kind(), d.reason(), latencyMillis,
                        set.isPartial() ? "  (partial set)" : "");
            }
        }
    }

    /** Moves a source's stamps onto the vehicle clock. */
    private record ClockShiftingSink(FrameSink target, long offsetNanos) implements FrameSink {
        @Override
        public boolean publish(FrameHeader header, Payload payload) {
            return target.publish(new FrameHeader(header.sensor(), header.stampNanos() + offsetNanos, header.sequence()),
                    payload);
        }
    }

    /** With a map in the profile: destination commands from the broker go to the decide stage's route loop. */
    private static void subscribeCommands(MqttOutputChannel channel, Pipeline pipeline, RuntimeConfig config,
            java.io.PrintStream out) {
        if (pipeline.routeLoop() == null) {
            return;
        }
        String topic = org.avfusion.runtime.route.DestinationCommands.topic(config.vehicle().id());
        channel.subscribeCommands(topic, pipeline.routeLoop()::offerCommand);
        out.println("  map " + config.map().file() + ": route on avfusion/" + config.vehicle().id() + "/route, "
                + "destination commands on " + topic);
    }
}
