package org.avfusion.runtime.cli.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.gnss.source.GnssSourceStats;
import org.avfusion.drivers.gnss.source.NmeaFileSource;
import org.avfusion.drivers.gnss.source.NmeaReplayTiming;
import org.avfusion.drivers.source.ReplayPacer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion decode nmea FILE}: decodes an NMEA capture (gpsd {@code .log} format) and prints one JSON object per
 * receiver epoch on stdout, shaped like gpsd's TPV report: {@code class} "TPV", {@code mode} (1 no fix, 2 2D, 3 3D),
 * {@code time} (ISO-8601 UTC, only once the receiver has sent a date), {@code lat}, {@code lon} (degrees),
 * {@code alt} (metres above mean sea level), {@code speed} (m/s), {@code track} (degrees true), and {@code hdop},
 * {@code uSat} where the receiver gave them. Fields the receiver did not report are left out; a no-fix epoch has no
 * position. A summary with the source's health counters and the last error ({@code file:line}) goes to stderr.
 *
 * <p>Exit status 0 when the file was read (bad sentences are counted, not fatal), 2 when it cannot be read.
 */
@Command(name = "nmea", mixinStandardHelpOptions = true,
        description = "Decode an NMEA 0183 log (gpsd .log format) into one gpsd-style TPV JSON line per fix.")
public final class DecodeNmeaCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Parameters(index = "0", paramLabel = "FILE", description = "NMEA log: one sentence a line, # comments.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("decode nmea: FILE " + file + " is not a readable file");
            err.flush();
            return 2;
        }
        GnssSourceStats stats;
        try (NmeaFileSource source = NmeaFileSource.open(file, new SensorId("gnss", SensorKind.GNSS),
                NmeaReplayTiming.NONE, 0)) {
            new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, Long.MAX_VALUE).run(source, (header, payload) -> {
                out.println(tpv((GnssFix) payload));
                return true;
            }, clock -> { }, Long.MAX_VALUE);
            stats = source.stats();
        } catch (IOException e) {
            err.println("decode nmea: " + e.getMessage());
            err.flush();
            return 2;
        } catch (UncheckedIOException e) {
            err.println("decode nmea: " + file + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        out.flush();
        err.println("decode nmea: " + file + ": " + stats.fixes() + " fixes from " + stats.sentences()
                + " sentences; rejected " + stats.badChecksums() + " bad checksum, " + stats.malformed()
                + " malformed, " + stats.impossibleValues() + " impossible value; " + stats.unsupported()
                + " unsupported" + (stats.lastError().isEmpty() ? "" : "; last error: " + stats.lastError()));
        err.flush();
        return 0;
    }

    /** One fix as a gpsd-style TPV JSON line. */
    static String tpv(GnssFix fix) {
        ObjectNode o = JSON.createObjectNode();
        o.put("class", "TPV");
        o.put("mode", fix.mode().gpsdMode());
        if (fix.utcEpochMillis() != GnssFix.UNKNOWN_TIME) {
            o.put("time", ISO_MILLIS.format(Instant.ofEpochMilli(fix.utcEpochMillis())));
        }
        if (fix.hasPosition()) {
            o.put("lat", fix.latitudeDeg());
            o.put("lon", fix.longitudeDeg());
            putIfKnown(o, "alt", fix.altitudeMslMeters());
        }
        putIfKnown(o, "speed", fix.speedMetersPerSecond());
        putIfKnown(o, "track", fix.trackDeg());
        putIfKnown(o, "hdop", fix.hdop());
        if (fix.satellitesUsed() >= 0) {
            o.put("uSat", fix.satellitesUsed());
        }
        return o.toString();
    }

    private static void putIfKnown(ObjectNode o, String field, double value) {
        if (!Double.isNaN(value)) {
            o.put(field, value);
        }
    }
}
