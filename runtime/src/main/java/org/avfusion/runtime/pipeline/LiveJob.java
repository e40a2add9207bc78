package org.avfusion.runtime.pipeline;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.sim.ScenarioSpec;
import org.avfusion.drivers.sim.SimulatedDrive;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.config.RuntimeConfig;

/**
 * Runs the pipeline live: frames are stamped and timed on the vehicle's monotonic clock ({@link VehicleClock#SYSTEM}),
 * the way a vehicle runs. The source is the simulated rig played in real time, its stamps moved onto the vehicle
 * clock, as a hardware-in-the-loop rig feeds recorded or simulated data through the runtime's real interfaces.
 * Stops at the scenario's end, after {@code durationSeconds}, or on SIGINT/SIGTERM (shutdown hook).
 */
public final class LiveJob {
    private LiveJob() {
    }

    /** @return exit code: 0, or 1 when a stage failed */
    public static int run(RuntimeConfig profile, ScenarioSpec scenario, Double durationSeconds, PrintStream out) {
        try (SimulatedDrive drive = new SimulatedDrive(scenario)) {
            RuntimeConfig config = ReplayJob.adaptToRig(profile, drive);
            ReplayPacer pacer = new ReplayPacer(1.0, config.ring().tickPeriodNanos());
            long base = System.nanoTime() - drive.nextArrivalNanos();
            Thread hook = new Thread(pacer::stop, "avfusion-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "avfusion-duration");
                t.setDaemon(true);
                return t;
            });
            if (durationSeconds != null) {
                timer.schedule(pacer::stop, Math.round(durationSeconds * 1000), TimeUnit.MILLISECONDS);
            }
            try (MqttOutputChannel channel = MqttOutputChannel.open(config.mqtt(), config.vehicle().id());
                    Pipeline pipeline = new Pipeline(config, channel, VehicleClock.SYSTEM, VehicleClock.SYSTEM,
                            (d, set, latency) -> out.printf("%s %s %.1f ms%n", d.kind(), d.reason(), latency),
                            ReplayJob.CAMERA_DETECTION_OFF, channel::appendHealth)) {
                out.println("avfusion run: live on the vehicle clock, source: " + drive.describe() + " in real time; MQTT "
                        + channel.brokerUri());
                FrameSink live = new ClockShiftingSink(pipeline.sink(), base);
                pacer.run(drive, live, t -> pipeline.tick(base + t), Long.MAX_VALUE);
                pipeline.finish(10_000);
                long errors = pipeline.stageErrors().values().stream().mapToLong(Long::longValue).sum();
                return errors == 0 ? 0 : 1;
            } finally {
                timer.shutdownNow();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting: the hook has run
                }
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
}
