package org.avfusion.drivers.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.gnss.nmea.NmeaDecoder;
import org.avfusion.drivers.gnss.source.NmeaFileSource;
import org.avfusion.drivers.gnss.source.NmeaReplayTiming;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * NMEA parse throughput on one core, over the real sentences of every gpsd regression log in
 * {@code ../shared/data/nmea} (about 830 sentences of six receivers, one bad checksum among them).
 *
 * <pre>
 *   decodeSentence:   String sentence --NmeaDecoder.accept--> GnssFix | null      (ops/s = sentences/s)
 *   replayNmeaRtkLog: nmea-rtk.log bytes --NmeaFileSource (line framing, stamp
 *                     prefix, health counters) --> GnssFix frames to a sink      (one op = the whole log)
 * </pre>
 *
 * Run: {@code mvn -B -q -o -Dbench -DskipTests -pl drivers -am verify -Djmh.args="NmeaParseBenchmark -prof gc -f 1 -wi 2 -i 3"}.
 */
@State(Scope.Thread)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class NmeaParseBenchmark {

    private static final SensorId GNSS = new SensorId("gnss", SensorKind.GNSS);

    private String[] sentences;
    private int next;
    private NmeaDecoder decoder;
    private Path rtkLog;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path dir = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "nmea");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("../shared/data/nmea not found: " + dir.toAbsolutePath());
        }
        List<String> all = new ArrayList<>();
        for (String name : List.of("bu353s4", "mt3339", "nmea-rtk", "quectel-L70", "nmea-fuzzy-cases",
                "garmin-geko201")) {
            for (String line : Files.readAllLines(dir.resolve(name + ".log"), StandardCharsets.ISO_8859_1)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    all.add(line);
                }
            }
        }
        sentences = all.toArray(String[]::new);
        decoder = new NmeaDecoder();
        rtkLog = dir.resolve("nmea-rtk.log");
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public GnssFix decodeSentence() {
        String s = sentences[next];
        next = next + 1 == sentences.length ? 0 : next + 1;
        return decoder.accept(s);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long replayNmeaRtkLog(Blackhole bh) throws IOException {
        try (NmeaFileSource source = NmeaFileSource.open(rtkLog, GNSS, NmeaReplayTiming.NONE, 0)) {
            while (source.nextArrivalNanos() != NmeaFileSource.END) {
                source.emitNext((header, payload) -> {
                    bh.consume(payload);
                    return true;
                });
            }
            return source.stats().sentences();
        }
    }
}
