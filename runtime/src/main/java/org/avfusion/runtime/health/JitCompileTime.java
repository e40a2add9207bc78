package org.avfusion.runtime.health;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JIT compiler threads' time so far ({@link CompilationMXBean#getTotalCompilationTime()}), so that a run's latency
 * report can say how much compiling ran beside its stages, as it says which GC pauses did ({@link GcPauseMonitor}).
 * On a two-core machine a C2 compilation of 100-200 ms holds one of the cores during the sets it overlaps: the KITTI
 * sequence with YOLOX-Nano at real time compiled for 400-970 ms in its 2 s after the rehearsal and the warm-up (this
 * figure, 4 runs), and its slowest decisions fell on the largest compilation (docs/PERFORMANCE.md, "Large arrays and
 * the JIT in a model replay's first sets").
 */
public final class JitCompileTime {
    /** What {@link #totalMillis()} returns where the JVM does not measure compilation time. */
    public static final long UNMEASURED = -1;

    private JitCompileTime() {
    }

    /**
     * Milliseconds of compilation since the JVM started, all compiler threads summed (two threads compiling for 10 ms
     * each count 20), or {@link #UNMEASURED}. Any thread.
     */
    public static long totalMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : UNMEASURED;
    }

    /** Compilation between two readings of {@link #totalMillis()}, or {@link #UNMEASURED} when either is. */
    public static long between(long fromMillis, long toMillis) {
        return fromMillis == UNMEASURED || toMillis == UNMEASURED ? UNMEASURED : Math.max(0, toMillis - fromMillis);
    }
}
