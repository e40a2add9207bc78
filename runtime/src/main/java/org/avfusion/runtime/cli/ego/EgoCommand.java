package org.avfusion.runtime.cli.ego;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.runtime.ego.EgoEstimate;
import org.avfusion.runtime.ego.EgoFilterConfig;
import org.avfusion.runtime.ego.EgoHealth;
import org.avfusion.runtime.ego.EgoMotionFilter;
import org.avfusion.runtime.ego.EgoSource;
import org.avfusion.runtime.ego.GnssLatency;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion ego --recording PATH [--sources imu,can,gnss] [--geojson FILE] [--drop-gnss FROM_S:TO_S]}:
 * replays a comma2k19 segment folder or a ROS 1 bag (husky layout, see {@link RosbagMeasurements}) through the
 * ego-motion filter and prints one JSON line per estimate ({@code t} seconds on the recording's clock, {@code lat},
 * {@code lon}, {@code heading_deg} compass, {@code speed_mps}, {@code yaw_rate_rps}, {@code quality},
 * {@code fix_age_s}, {@code sources}), then a summary line with the GNSS latency estimated per receiver and the
 * filter's counters. {@code --geojson} writes the fused track as a GeoJSON LineString.
 *
 * <p>Exit codes: 0 done; 2 bad input (a recording that is missing or not a segment or bag, a bad option value),
 * with the file or option named on stderr.
 */
@Command(name = "ego", mixinStandardHelpOptions = true,
        description = "Fuses a recording's IMU, CAN/odometry and GNSS into an ego-motion estimate; prints JSON lines "
                + "(t, lat, lon, heading, speed, yaw rate, quality, sources) and a summary with each GNSS receiver's "
                + "estimated latency.")
public final class EgoCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--recording", required = true, paramLabel = "PATH",
            description = "A comma2k19 segment folder (processed_log/, global_pose/) or a ROS 1 bag (.bag) with "
                    + "/fix, /imu/data and /husky_velocity_controller/odom.")
    Path recording;

    @Option(names = "--sources", paramLabel = "LIST", defaultValue = "imu,can,gnss",
            description = "Sources to fuse, comma-separated: imu, can (CAN speed and wheel speeds; wheel odometry in "
                    + "a bag), gnss. Default: ${DEFAULT-VALUE}.")
    String sources;

    @Option(names = "--geojson", paramLabel = "FILE", description = "Also write the fused track as GeoJSON.")
    Path geojson;

    @Option(names = "--drop-gnss", paramLabel = "FROM_S:TO_S",
            description = "Leave out GNSS fixes logged between these seconds after the recording's start (to see "
                    + "dead reckoning), e.g. 25:35.")
    String dropGnss;

    @Option(names = "--rate-hz", paramLabel = "HZ", defaultValue = "10",
            description = "Estimates printed per second of recording, (0, 1000]. Default: ${DEFAULT-VALUE}.")
    double rateHz;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Set<SourceSelection> selected = SourceSelection.parse(sources);
        if (!(rateHz > 0 && rateHz <= 1000)) {
            throw new IllegalArgumentException("--rate-hz must be in (0, 1000], was " + rateHz);
        }
        double[] drop = parseDrop(dropGnss);
        Recording rec;
        EgoFilterConfig config;
        RecordedHealth bagHealth = new RecordedHealth("ego");
        try {
            if (Files.isDirectory(recording)) {
                rec = Comma2k19Measurements.read(recording, selected, drop[0], drop[1], true);
                config = EgoFilterConfig.defaults();
            } else if (recording.getFileName() != null && recording.getFileName().toString().endsWith(".bag")) {
                rec = RosbagMeasurements.read(recording, selected, drop[0], drop[1], bagHealth);
                config = RosbagMeasurements.huskyConfig();
            } else {
                throw new RecordedDriveException(recording, RecordedDriveException.NO_OFFSET,
                        "not a comma2k19 segment folder or a ROS 1 bag (.bag)");
            }
        } catch (RecordedDriveException e) {
            err.println("avfusion ego: --recording: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        EgoMotionFilter filter = new EgoMotionFilter(config);
        List<double[]> track = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        JsonFactory factory = new JsonFactory();
        int[] count = {0};
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            EgoReplay.run(rec, filter, Math.round(1e9 / rateHz), e -> {
                writeEstimate(json, e);
                count[0]++;
                if (!Double.isNaN(e.latitudeDeg())) {
                    track.add(new double[] {e.longitudeDeg(), e.latitudeDeg()});
                }
            });
            writeSummary(json, count[0], rec.gnssLatency(), filter.health(), bagHealth);
            json.writeRaw('\n');
        }
        out.flush();
        if (geojson != null) {
            writeGeoJson(factory, geojson, track, recording);
        }
        return 0;
    }

    static double[] parseDrop(String text) {
        if (text == null) {
            return new double[] {Double.NaN, Double.NaN};
        }
        String[] parts = text.split(":");
        try {
            if (parts.length == 2) {
                double from = Double.parseDouble(parts[0].trim());
                double to = Double.parseDouble(parts[1].trim());
                if (from >= 0 && to > from && Double.isFinite(to)) {
                    return new double[] {from, to};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--drop-gnss: expected FROM_S:TO_S with 0 <= FROM_S < TO_S, e.g. 25:35; "
                + "was '" + text + "'");
    }

    private static void writeEstimate(JsonGenerator json, EgoEstimate e) {
        try {
            json.writeStartObject();
            json.writeNumberField("t", e.stampNanos() * 1e-9);
            number(json, "lat", e.latitudeDeg());
            number(json, "lon", e.longitudeDeg());
            json.writeNumberField("heading_deg", round(e.headingDeg(), 1e3));
            json.writeNumberField("speed_mps", round(e.speedMetersPerSec(), 1e3));
            json.writeNumberField("yaw_rate_rps", round(e.yawRateRadPerSec(), 1e5));
            json.writeStringField("quality", e.quality().name());
            number(json, "fix_age_s", Double.isInfinite(e.absoluteFixAgeSeconds()) ? Double.NaN
                    : round(e.absoluteFixAgeSeconds(), 1e3));
            json.writeArrayFieldStart("sources");
            for (EgoSource s : e.sourceAgesSeconds().keySet()) {
                json.writeString(s.name().toLowerCase(java.util.Locale.ROOT));
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static void writeSummary(JsonGenerator json, int estimates, Map<String, GnssLatency> latency,
            EgoHealth health, RecordedHealth bagHealth) throws IOException {
        json.writeStartObject();
        json.writeBooleanField("summary", true);
        json.writeNumberField("estimates", estimates);
        json.writeObjectFieldStart("gnss_latency");
        for (Map.Entry<String, GnssLatency> e : latency.entrySet()) {
            GnssLatency l = e.getValue();
            json.writeObjectFieldStart(e.getKey());
            number(json, "latency_s", round(l.latencySeconds(), 1e4));
            number(json, "jitter_s", round(l.jitterSeconds(), 1e4));
            json.writeNumberField("fixes", l.fixes());
            number(json, "speed_residual_mps", round(l.residualMetersPerSec(), 1e3));
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeObjectFieldStart("sources");
        for (EgoSource s : EgoSource.values()) {
            EgoHealth.SourceCounters c = health.of(s);
            if (c.fused() + c.gated() + c.timeBackwards() + c.tooOld() + c.stuck() == 0) {
                continue;
            }
            json.writeObjectFieldStart(s.name().toLowerCase(java.util.Locale.ROOT));
            json.writeNumberField("fused", c.fused());
            json.writeNumberField("gated", c.gated());
            json.writeNumberField("time_backwards", c.timeBackwards());
            json.writeNumberField("too_old", c.tooOld());
            json.writeNumberField("out_of_order", c.outOfOrder());
            json.writeNumberField("stuck", c.stuck());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeNumberField("reanchors", health.reanchors());
        json.writeNumberField("recording_rejects", bagHealth.rejected());
        json.writeEndObject();
    }

    private static void writeGeoJson(JsonFactory factory, Path file, List<double[]> track, Path recording)
            throws IOException {
        try (JsonGenerator g = factory.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeObjectFieldStart("properties");
            g.writeStringField("recording", String.valueOf(recording.getFileName()));
            g.writeNumberField("points", track.size());
            g.writeEndObject();
            g.writeObjectFieldStart("geometry");
            g.writeStringField("type", "LineString");
            g.writeArrayFieldStart("coordinates");
            for (double[] p : track) {
                g.writeStartArray();
                g.writeNumber(round(p[0], 1e8));
                g.writeNumber(round(p[1], 1e8));
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void number(JsonGenerator json, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            json.writeNumberField(name, v);
        } else {
            json.writeNullField(name);
        }
    }

    private static double round(double v, double scale) {
        return Double.isFinite(v) ? Math.round(v * scale) / scale : v;
    }
}
