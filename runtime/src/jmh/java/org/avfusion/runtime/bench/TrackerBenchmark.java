package org.avfusion.runtime.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.avfusion.runtime.fusion.ObjectClass;
import org.avfusion.runtime.track.KalmanTracker;
import org.avfusion.runtime.track.TrackMeasurements;
import org.avfusion.runtime.track.TrackerConfig;
import org.avfusion.runtime.track.Tracks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link KalmanTracker#update} with {@code targets} confirmed tracks and as many measurements (the issue's
 * target: under 2 ms for 100), on one benchmark thread. The targets drive circles of 8 m radius at 2.5 m/s on a
 * 20 m grid (so the constant-velocity model has to follow a turn), measured at 10 Hz with 0.2 m noise (seed 42);
 * the 200 frames of one lap are precomputed and replayed, so a lap ends where the next begins and the tracks live on.
 * Run with {@code -prof gc}: the update allocates nothing (B/op about 0). Each iteration also prints the thread's CPU
 * time per update.
 *
 * <pre>
 *   measurements (base) --ego--&gt; odom --predict--&gt; Mahalanobis costs (n x n) --Hungarian--&gt; correct / birth / death
 *   [update: everything...........................................................................................]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TrackerBenchmark {
    private static final int FRAMES = 200;
    private static final long FRAME_NANOS = 100_000_000L;

    @Param({"100"})
    public int targets;

    private KalmanTracker tracker;
    private TrackMeasurements[] frames;
    private Tracks tracks;
    private int frame;
    private long stamp;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuNanos;
    private long ops;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        int side = (int) Math.ceil(Math.sqrt(targets));
        frames = new TrackMeasurements[FRAMES];
        double omega = 2 * Math.PI / (FRAMES * 0.1);
        double radius = 8;
        for (int f = 0; f < FRAMES; f++) {
            frames[f] = new TrackMeasurements(targets);
            for (int k = 0; k < targets; k++) {
                double cx = 20.0 * (k % side) - 10.0 * side, cy = 20.0 * (k / side) - 10.0 * side;
                double phase = k * 0.7 + omega * f * 0.1;
                frames[f].add(cx + radius * Math.cos(phase) + 0.2 * random.nextGaussian(),
                        cy + radius * Math.sin(phase) + 0.2 * random.nextGaussian(), 0.8, 4.2, 1.8, 1.5, phase,
                        ObjectClass.VEHICLE, 400);
            }
        }
        TrackerConfig config = TrackerConfig.DEFAULTS;
        tracker = new KalmanTracker(config);
        tracks = new Tracks(config.maxTracks());
        for (int i = 0; i < 2 * FRAMES; i++) {
            update();
        }
        if (tracks.size() != targets) {
            throw new IllegalStateException("the warm-up left " + tracks.size() + " tracks for " + targets
                    + " targets (" + tracker.trackCount() + " held)");
        }
    }

    private void update() {
        tracker.update(stamp, 0, 0, 0, frames[frame], tracks);
        stamp += FRAME_NANOS;
        frame = frame + 1 == FRAMES ? 0 : frame + 1;
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        if (ops > 0) {
            System.out.printf(" [cpu %.1f us/op over %d ops; %d tracks, %d confirmed over the run]", cpuNanos / 1e3 / ops,
                    ops, tracks.size(), tracker.confirmedTotal());
        }
        cpuNanos = 0;
        ops = 0;
    }

    /** One tracking step: predict, associate, correct, birth and death. */
    @Benchmark
    public Tracks update100() {
        long start = threads.getCurrentThreadCpuTime();
        update();
        cpuNanos += threads.getCurrentThreadCpuTime() - start;
        ops++;
        return tracks;
    }
}
