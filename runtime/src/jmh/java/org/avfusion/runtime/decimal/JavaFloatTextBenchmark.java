package org.avfusion.runtime.decimal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One float to text, as a lidar point's fields look (metres in [-100, 100], degrees with two decimals, never whole):
 * {@link JavaFloatText} into a byte[] against JDK 17's {@code Float.toString} (a String per call) and
 * {@code StringBuilder.append(float)} into a reused builder (what {@code NumberText} did before, no String). Per float
 * (1,024 different floats per invocation). Each iteration also prints the benchmark thread's CPU time per float
 * ("cpu ns/float"), which leaves out the time the thread waited for a core on a shared machine.
 *
 * <pre>
 *   float --JavaFloatText.write--&gt; byte[]           [javaFloatText]
 *   float --Float.toString--&gt; String                [floatToString]
 *   float --StringBuilder.append(float)--&gt; chars    [stringBuilderAppend]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JavaFloatTextBenchmark {
    private static final int N = 1024;
    private final float[] values = new float[N];
    private final byte[] bytes = new byte[N * JavaFloatText.MAX_BYTES];
    private final StringBuilder builder = new StringBuilder(32);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuNanos;
    private long floats;

    public JavaFloatTextBenchmark() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < N; i++) {
            float v;
            do {
                v = i % 2 == 0 ? (float) random.nextDouble(-100, 100) : (float) (random.nextInt(36_000) / 100.0);
            } while (v == (int) v);
            values[i] = v;
        }
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        if (floats > 0) {
            System.out.printf(" [cpu %.1f ns/float over %d floats]", (double) cpuNanos / floats, floats);
        }
        cpuNanos = 0;
        floats = 0;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int javaFloatText() {
        long cpu = threads.getCurrentThreadCpuTime();
        int n = 0;
        for (float v : values) {
            n = JavaFloatText.write(v, bytes, n);
        }
        count(cpu);
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void floatToString(Blackhole bh) {
        long cpu = threads.getCurrentThreadCpuTime();
        for (float v : values) {
            bh.consume(Float.toString(v));
        }
        count(cpu);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int stringBuilderAppend() {
        long cpu = threads.getCurrentThreadCpuTime();
        int n = 0;
        for (float v : values) {
            builder.setLength(0);
            builder.append(v);
            n += builder.length();
        }
        count(cpu);
        return n;
    }

    private void count(long cpuBefore) {
        cpuNanos += threads.getCurrentThreadCpuTime() - cpuBefore;
        floats += N;
    }
}
