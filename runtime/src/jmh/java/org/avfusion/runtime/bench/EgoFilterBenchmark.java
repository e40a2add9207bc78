package org.avfusion.runtime.bench;

import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.map.LocalTangentPlane;
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
    private static final double SPEED = 10;
    private static final long T0 = 1_000_000_000L;
    private final LocalTangentPlane plane = new LocalTangentPlane(LAT, LON, 0);
    private final double[] geo = new double[3];
    private EgoMotionFilter filter;
    private long t;
    private int i;

    /** A vehicle driving east at 10 m/s, heading known from a GNSS course. */
    @Setup(Level.Iteration)
    public void setUp() {
        filter = new EgoMotionFilter(EgoFilterConfig.defaults());
        t = T0;
        filter.update(new EgoMeasurement.GnssPosition(t, LAT, LON, 1.0));
        filter.update(new EgoMeasurement.GnssVelocity(t, SPEED, 90));
        filter.update(new EgoMeasurement.VehicleSpeed(t, SPEED));
    }

    private EgoMeasurement.GnssPosition fix(long stamp) {
        plane.toGeodetic(SPEED * (stamp - T0) * 1e-9, 0.1 * noise(), 0, geo);
        return new EgoMeasurement.GnssPosition(stamp, geo[0], geo[1], 1.0);
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
        double n = SPEED + 0.01 * noise();
        return filter.update(new EgoMeasurement.WheelSpeeds(t, n, n, n, n));
    }

    @Benchmark
    public Object gnss() {
        t += 100_000_000L;
        return filter.update(fix(t));
    }

    @Benchmark
    public Object lateGnss() {
        t += 10_000_000L;
        filter.update(new EgoMeasurement.ImuYawRate(t, 0.001 * noise(), Double.NaN));
        return filter.update(fix(t - 50_000_000L));
    }
}
