package org.avfusion.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.gnss.nmea.NmeaWriter;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.ScanAssemblerConfig;
import org.avfusion.drivers.lidar.pcap.PcapLidarSource;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.drivers.lidar.velodyne.VelodyneModel;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.source.RecordedSource;
import org.avfusion.runtime.output.mqtt.broker.ClassBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drive folder made of {@code lidar/hdl32-monterey-17rev.pcap} (17 HDL-32E revolutions with GPRMC position
 * packets) and an NMEA log of 10 Hz fixes written for the same minutes: the replay puts the sweeps on the lidar's own
 * GPS time (microseconds past the hour plus the GPRMC's hour), which is the only way the log's fixes can land within
 * {@code alignment.poseMaxGapMillis} of every sweep.
 */
class DriveFolderReplayTest {
    /** The replays publish here: one broker for the class, not one started and stopped per test. */
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();

    @TempDir
    Path temp;

    @Test
    void pcapAndNmeaLogReplayOnTheLidarsGpsTime() throws Exception {
        Path pcap = Recordings.sharedData("lidar/hdl32-monterey-17rev.pcap").toAbsolutePath();
        long[] span = lidarUtcSpanMillis(pcap);
        Path drive = Files.createDirectories(temp.resolve("drive"));
        Path nmea = drive.resolve("fixes.nmea");
        List<String> lines = new ArrayList<>();
        for (long t = span[0] - 1_000; t <= span[1] + 1_000; t += 100) {
            lines.add(NmeaWriter.rmc(new GnssFix(t, 36.6, -121.9, 10.0, 5.0, 90.0, FixMode.FIX_3D, 1.0, 8), "GP"));
        }
        Files.write(nmea, lines);
        Files.writeString(drive.resolve("drive.yaml"), "lidar: {file: " + pcap + ", sensor: lidar_top, model: HDL32}\n"
                + "gnss: {file: fixes.nmea, sensor: gnss, clockOffsetMillis: 0}\n");
        Path decisions = temp.resolve("drive.jsonl");
        Path profile = temp.resolve("profile.yaml");
        Files.writeString(profile, "vehicle:\n  id: drive\nmqtt:\n  brokerUrl: " + BROKER.uri() + "\n");
        Recordings.Cli run = Recordings.cli("replay", "--recording", drive.toString(), "--speed", "max",
                "--no-progress", "--decisions", decisions.toString(), "--config", profile.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> d = new ArrayList<>();
        for (String line : Files.readAllLines(decisions)) {
            d.add(json.readTree(line));
        }
        List<JsonNode> withSweep = d.stream().filter(n -> n.path("sensors").path("lidar_top").asText().equals("OK"))
                .toList();
        long withFix = withSweep.stream().filter(n -> n.path("sensors").path("gnss").asText().equals("OK")).count();
        assertTrue(withSweep.size() >= 15, "sets with a sweep: " + withSweep.size());
        assertEquals(withSweep.size(), withFix, "every set with a sweep has a fix within 250 ms of it: " + withSweep);
    }

    /**
     * {@code nmea/bu353s4.log} was logged on 2014-12-31, two years after the capture: the replay is refused at open
     * (exit 2) with both files' spans and the gap, instead of stepping two years of fail-safe decisions.
     */
    @Test
    void nmeaLogOfAnotherYearIsRefusedWithExit2() throws Exception {
        Path pcap = Recordings.sharedData("lidar/hdl32-monterey-17rev.pcap").toAbsolutePath();
        Path log = Recordings.sharedData("nmea/bu353s4.log").toAbsolutePath();
        Path drive = Files.createDirectories(temp.resolve("apart"));
        Files.writeString(drive.resolve("drive.yaml"), "lidar: {file: " + pcap + ", sensor: lidar_top, model: HDL32}\n"
                + "gnss: {file: " + log + ", sensor: gnss, clockOffsetMillis: 0}\n");
        Path profile = temp.resolve("apart.yaml");
        Files.writeString(profile, "vehicle:\n  id: drive\nmqtt:\n  brokerUrl: " + BROKER.uri() + "\n");
        Recordings.Cli run = Recordings.cli("replay", "--recording", drive.toString(), "--speed", "max",
                "--no-progress", "--config", profile.toString());
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("the streams' times do not overlap"), run.err());
        assertTrue(run.err().contains(log + ": 2014-12-31T03:07:19Z to 2014-12-31T03:07:43Z"), run.err());
        assertTrue(run.err().contains("gnss starts 64731644.302 s (749.2 days) after lidar ends"), run.err());
        assertTrue(!run.err().contains("Exception") && !run.err().contains("\tat "), run.err());
    }

    /** First and last UTC time (ms) of the capture's sweeps, from its GPRMC hour and its past-the-hour stamps. */
    private static long[] lidarUtcSpanMillis(Path pcap) throws Exception {
        VelodyneDecoder decoder = new VelodyneDecoder(VelodyneModel.HDL32, new LidarStats("t"));
        long[] firstLast = {Long.MAX_VALUE, Long.MIN_VALUE};
        long[] fix = {GnssFix.UNKNOWN_TIME};
        try (PcapLidarSource s = PcapLidarSource.open(pcap, decoder, ScanAssemblerConfig.of(new SensorId("l",
                SensorKind.LIDAR), 0, decoder.maxPointsPerRevolution()), VelodyneDecoder.DATA_PORT,
                VelodyneDecoder.POSITION_PORT, new SensorId("g", SensorKind.GNSS))) {
            s.stampWithSensorTime(0);
            while (s.nextArrivalNanos() != RecordedSource.END) {
                s.emitNext((h, p) -> {
                    if (p instanceof PointCloud) {
                        firstLast[0] = Math.min(firstLast[0], h.stampNanos());
                        firstLast[1] = Math.max(firstLast[1], h.stampNanos());
                    } else if (p instanceof GnssFix f && fix[0] == GnssFix.UNKNOWN_TIME) {
                        fix[0] = f.utcEpochMillis();
                    }
                    if (p instanceof PooledPayload pooled) {
                        pooled.release();
                    }
                    return true;
                });
            }
        }
        assertTrue(fix[0] != GnssFix.UNKNOWN_TIME, "the capture has a GPRMC");
        long hour = 3_600_000L;
        long hourStart = Math.floorDiv(fix[0], hour) * hour; // the sensor time is past the hour of the fix
        return new long[] {hourStart + firstLast[0] / 1_000_000, hourStart + firstLast[1] / 1_000_000};
    }
}
