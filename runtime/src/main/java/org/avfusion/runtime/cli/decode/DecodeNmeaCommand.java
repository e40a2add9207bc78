package org.avfusion.runtime.cli.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
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
import org.avfusion.runtime.output.json.JsonFormat;
import org.avfusion.runtime.cli.AvfusionCli;
import org.avfusion.runtime.output.json.JsonLines;
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
                NmeaReplayTiming.NONE, 0);
             JsonLines lines = JsonLines.to(out)) {
            TpvWriter tpv = new TpvWriter(lines);
            new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, Long.MAX_VALUE).run(source, (header, payload) -> {
                tpv.write((GnssFix) payload);
                return true;
            }, clock -> { }, Long.MAX_VALUE);
            stats = source.stats();
        } catch (IOException e) {
            if (JsonLines.StdoutClosedException.isCauseOf(e)) {
                return AvfusionCli.EXIT_STDOUT_CLOSED; // `| head` has its lines: stop, quietly
            }
            err.println("decode nmea: " + e.getMessage());
            err.flush();
            return 2;
        } catch (UncheckedIOException e) {
            if (JsonLines.StdoutClosedException.isCauseOf(e)) {
                return AvfusionCli.EXIT_STDOUT_CLOSED;
            }
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

    /** One fix as a gpsd-style TPV JSON line (without the line end). */
    static String tpv(GnssFix fix) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonLines lines = JsonLines.to(new PrintWriter(text))) {
            new TpvWriter(lines).writeObject(fix);
        }
        return text.toString();
    }

    /**
     * Writes fixes as TPV lines with no allocation per fix: pre-encoded names, numbers as {@code Double.toString}
     * prints them (what Jackson's tree model printed before), the time formatted into a reused buffer.
     */
    static final class TpvWriter {
        private static final SerializableString CLASS = JsonFormat.name("class");
        private static final SerializableString TPV = JsonFormat.name("TPV");
        private static final SerializableString MODE = JsonFormat.name("mode");
        private static final SerializableString TIME = JsonFormat.name("time");
        private static final SerializableString LAT = JsonFormat.name("lat");
        private static final SerializableString LON = JsonFormat.name("lon");
        private static final SerializableString ALT = JsonFormat.name("alt");
        private static final SerializableString SPEED = JsonFormat.name("speed");
        private static final SerializableString TRACK = JsonFormat.name("track");
        private static final SerializableString HDOP = JsonFormat.name("hdop");
        private static final SerializableString USAT = JsonFormat.name("uSat");

        private final JsonLines lines;
        private final JsonGenerator g;
        private final char[] time = new char[IsoMillis.CHARS];

        TpvWriter(JsonLines lines) {
            this.lines = lines;
            this.g = lines.generator();
        }

        /** One line. */
        void write(GnssFix fix) {
            try {
                writeObject(fix);
                lines.endLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void writeObject(GnssFix fix) {
            try {
                g.writeStartObject();
                g.writeFieldName(CLASS);
                g.writeString(TPV);
                g.writeFieldName(MODE);
                g.writeNumber(fix.mode().gpsdMode());
                if (fix.utcEpochMillis() != GnssFix.UNKNOWN_TIME) {
                    g.writeFieldName(TIME);
                    int n = IsoMillis.format(fix.utcEpochMillis(), time);
                    if (n < 0) {
                        g.writeString(ISO_MILLIS.format(Instant.ofEpochMilli(fix.utcEpochMillis())));
                    } else {
                        g.writeString(time, 0, n);
                    }
                }
                if (fix.hasPosition()) {
                    lines.javaDouble(LAT, fix.latitudeDeg());
                    lines.javaDouble(LON, fix.longitudeDeg());
                    putIfKnown(ALT, fix.altitudeMslMeters());
                }
                putIfKnown(SPEED, fix.speedMetersPerSecond());
                putIfKnown(TRACK, fix.trackDeg());
                putIfKnown(HDOP, fix.hdop());
                if (fix.satellitesUsed() >= 0) {
                    g.writeFieldName(USAT);
                    g.writeNumber(fix.satellitesUsed());
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void putIfKnown(SerializableString field, double value) throws IOException {
            if (!Double.isNaN(value)) {
                lines.javaDouble(field, value);
            }
        }
    }
}
