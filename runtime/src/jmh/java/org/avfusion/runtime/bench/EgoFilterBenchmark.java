package org.avfusion.runtime.bench;

import java.util.concurrent.TimeUnit;
import org.avfusion.runtime.ego.EgoFilterConfig;
import org.avfusion.runtime.ego.EgoMeasurement;
import org.avfusion.runtime.ego.EgoMotionFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one ego-motion filter update (the stage calls it for every IMU, CAN and GNSS sample):
 *
 * <pre>
 *   imu        predict 10 ms + scalar yaw-rate update
 *   wheels     predict 20 ms + 2-D speed / yaw-rate update
 *   gnss       predict 100 ms + 2-D position update (geodetic -> ENU)
 *   lateGnss   an IMU sample, then a fix 50 ms late: insert and re-filter the 5 IMU samples after it
 * </pre>
 *
 * Each call builds its measurement record (24-48 bytes; -prof gc shows it as alloc.rate.norm); the filter itself
 * allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class EgoFilterBenchmark {
    private static final double LAT = 37.72;
    private static final double LON = -122.47;
    private EgoMotionFilter filter;
    private long t;
    private int i;

    @Setup(Level.Iteration)
    public void setUp() {
        filter = new EgoMotionFilter(EgoFilterConfig.defaults());
        t = 1_000_000_000L;
        filter.update(new EgoMeasurement.GnssPosition(t, LAT, LON, 1.0));
        filter.update(new EgoMeasurement.GnssVelocity(t, 0.5, 90));
        filter.update(new EgoMeasurement.VehicleSpeed(t, 0.0));
    }

    private double noise() {
        i++;
        return ((i * 2654435761L) & 0xffff) / 65536.0 - 0.5;
    }

    @Benchmark
    public Object imu() {
        t += 10_000_000L;
        return filter.update(new EgoMeasurement.ImuYawRate(t, 0.001 * noise(), Double.NaN));
    }

    @Benchmark
    public Object wheels() {
        t += 20_000_000L;
        double n = 0.01 * noise();
        return filter.update(new EgoMeasurement.WheelSpeeds(t, n, n, n, n));
    }

    @Benchmark
    public Object gnss() {
        t += 100_000_000L;
        return filter.update(new EgoMeasurement.GnssPosition(t, LAT + 1e-6 * noise(), LON, 1.0));
    }

    @Benchmark
    public Object lateGnss() {
        t += 10_000_000L;
        filter.update(new EgoMeasurement.ImuYawRate(t, 0.001 * noise(), Double.NaN));
        return filter.update(new EgoMeasurement.GnssPosition(t - 50_000_000L, LAT + 1e-6 * noise(), LON, 1.0));
    }
}
