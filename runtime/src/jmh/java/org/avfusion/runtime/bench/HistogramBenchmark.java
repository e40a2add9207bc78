package org.avfusion.runtime.bench;

import java.util.concurrent.TimeUnit;
import org.avfusion.runtime.health.LatencyRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of recording one latency sample into the HdrHistogram recorder (several times per set on every stage). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HistogramBenchmark {
    private final LatencyRecorder histogram = new LatencyRecorder();
    private long value = 12_345;

    @Benchmark
    public void record() {
        value = value * 6364136223846793005L + 1442695040888963407L;
        histogram.recordNanos((value >>> 40) & 0xFFFFFF);
    }
}
