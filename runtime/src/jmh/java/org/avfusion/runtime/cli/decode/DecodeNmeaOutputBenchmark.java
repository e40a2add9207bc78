package org.avfusion.runtime.cli.decode;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.runtime.output.json.JsonLines;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CLI half of {@code decode nmea}: one decoded 3D fix written as a TPV JSON line to stdout (here a stream that
 * discards), as the command does per epoch. The decoder's own cost is measured in drivers. (Before the move to
 * Jackson's streaming writer this measured {@code out.println(DecodeNmeaCommand.tpv(fix))} on an autoflush
 * PrintWriter, what the command did then.)
 *
 * <pre>
 *   GnssFix --TpvWriter--&gt; JsonLines (64 KiB buffer) --&gt; (discarded)
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeNmeaOutputBenchmark {
    private final GnssFix fix = new GnssFix(1_262_304_000_123L, 37.371392166666664, -122.05879, 34.5, 0.1234,
            311.2, FixMode.FIX_3D, 1.2, 8);
    private final DecodeNmeaCommand.TpvWriter out = new DecodeNmeaCommand.TpvWriter(
            JsonLines.to(OutputStream.nullOutputStream()));

    @Benchmark
    public void tpvLine() {
        out.write(fix);
    }
}
