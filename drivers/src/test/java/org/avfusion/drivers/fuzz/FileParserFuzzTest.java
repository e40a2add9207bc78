package org.avfusion.drivers.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.map.MapConfig;
import org.avfusion.drivers.map.MapLoadException;
import org.avfusion.drivers.map.RoadNetwork;
import org.avfusion.drivers.map.lanelet2.Lanelet2FormatException;
import org.avfusion.drivers.map.lanelet2.Lanelet2Reader;
import org.avfusion.drivers.pointcloud.io.KittiBinReader;
import org.avfusion.drivers.pointcloud.io.NonFinitePolicy;
import org.avfusion.drivers.pointcloud.io.PcdReader;
import org.avfusion.drivers.pointcloud.io.PointCloudFormatException;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.mcap.McapFormatException;
import org.avfusion.drivers.recorded.mcap.McapMessage;
import org.avfusion.drivers.recorded.mcap.McapReader;
import org.avfusion.drivers.recorded.mcap.McapReaderConfig;
import org.avfusion.drivers.recorded.rosbag.RosbagConfig;
import org.avfusion.drivers.recorded.rosbag.RosbagSource;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.ReplayPacer;

/**
 * Coverage-guided fuzzing (Jazzer) of the parsers that read recorded files: PCD, KITTI Velodyne sweeps, ROS 1 bags,
 * MCAP, Lanelet2 OSM and OpenStreetMap road maps. The contract under test is each reader's documented failure: it
 * returns a value or throws its own exception naming the file (and offset or field), which the target catches;
 * anything else escaping (a NullPointerException, an index out of bounds, an OutOfMemoryError, ...) is a finding.
 *
 * <p>In a plain {@code mvn test} (CI) Jazzer runs in regression mode: each method runs once per file of its seed
 * corpus ({@code src/test/resources/org/avfusion/drivers/fuzz/FileParserFuzzTestInputs/<method>/}: made-up
 * files written by {@code tools/fuzz-seeds.py generated}; excerpts of {@code ../shared/data} are cut into the ignored
 * generated corpus by {@code tools/fuzz-seeds.py shared}) and per past finding kept there. A
 * fuzzing run is {@code JAZZER_FUZZ=1 mvn -o -pl drivers -am test -Dtest=FileParserFuzzTest#pcdFile
 * -DargLine=-Xmx512m} (one method per run, bounded by its {@code maxDuration}); {@code tools/fuzz.sh} repeats such
 * runs for longer (README, Fuzzing).
 */
class FileParserFuzzTest {
    /** Big enough for every seed, small enough that a header claiming millions of points is refused, not read. */
    private static final int CLOUD_POINTS = 4096;
    private static final int LIMIT_BYTES = 1 << 20;
    private static final SensorId GNSS = new SensorId("gnss_fuzz", SensorKind.GNSS);
    private static final SensorId IMU = new SensorId("imu_fuzz", SensorKind.IMU);
    private static final SensorId LIDAR = new SensorId("lidar_fuzz", SensorKind.LIDAR);
    /** The topics of the seed bags (tools/fuzz-seeds.py): GNSS + IMU, or one PointCloud2 lidar. */
    private static final RosbagConfig[] BAG_CONFIGS = {
        RosbagConfig.of(Map.of("/fix", GNSS, "/imu/data", IMU)).withLimits(64, 64, 1, CLOUD_POINTS, 1, LIMIT_BYTES),
        RosbagConfig.of(Map.of("/pointcloud2", LIDAR)).withLimits(64, 64, 1, CLOUD_POINTS, 1, LIMIT_BYTES),
    };
    private static final Path DIR = tempDir();

    private static final PcdReader PCD_SKIP = new PcdReader(NonFinitePolicy.SKIP_POINT);
    private static final PcdReader PCD_REJECT = new PcdReader(NonFinitePolicy.REJECT_FILE);

    /** A PCD file (ascii, binary, binary_compressed): read, or {@link PointCloudFormatException}. */
    @FuzzTest(maxDuration = "2m")
    void pcdFile(byte[] input) {
        for (PcdReader reader : new PcdReader[] {PCD_SKIP, PCD_REJECT}) {
            try {
                reader.read(input, input.length, "fuzz.pcd", new PointCloud(CLOUD_POINTS));
            } catch (PointCloudFormatException expected) {
                requireNamed(expected.getMessage(), "fuzz.pcd");
            }
        }
    }

    /** A KITTI Velodyne sweep ({@code .bin}) in every ring and time mode: read, or {@link PointCloudFormatException}. */
    @FuzzTest(maxDuration = "2m")
    void kittiVelodyneBin(byte[] input) {
        for (KittiBinReader.RingMode ring : KittiBinReader.RingMode.values()) {
            for (KittiBinReader.TimeMode time : KittiBinReader.TimeMode.values()) {
                for (NonFinitePolicy nonFinite : NonFinitePolicy.values()) {
                    try {
                        new KittiBinReader(new KittiBinReader.Options(ring, time, nonFinite))
                                .read(input, input.length, "fuzz.bin", new PointCloud(CLOUD_POINTS));
                    } catch (PointCloudFormatException expected) {
                        requireNamed(expected.getMessage(), "fuzz.bin");
                    }
                }
            }
        }
    }

    /**
     * A ROS 1 bag opened and replayed to its end: {@link RecordedDriveException} naming the file at open, else every
     * bad message counted (never thrown) and every pooled buffer back in its pool.
     */
    @FuzzTest(maxDuration = "2m")
    void rosbag1(byte[] input) {
        Path bag = write("fuzz.bag", input);
        for (RosbagConfig config : BAG_CONFIGS) {
            RecordedHealth health = new RecordedHealth("fuzz");
            try (RosbagSource source = RosbagSource.open(bag, config, health)) {
                new ReplayPacer(ReplayPacer.AS_FAST_AS_POSSIBLE, 100_000_000L).run(source, RELEASING_SINK, t -> { },
                        Long.MAX_VALUE);
                if (source.cloudPool().createdCount() != source.cloudPool().freeCount()
                        || source.imagePool().createdCount() != source.imagePool().freeCount()) {
                    throw new AssertionError("a pooled buffer did not come back: " + source.describe());
                }
            } catch (RecordedDriveException expected) {
                requireNamed(expected.getMessage(), bag.toString());
            }
        }
    }

    /** An MCAP file read to its end in both orders: messages, or {@link McapFormatException} naming the file. */
    @FuzzTest(maxDuration = "2m")
    void mcapFile(byte[] input) {
        Path file = write("fuzz.mcap", input);
        McapMessage message = new McapMessage();
        for (McapReaderConfig config : new McapReaderConfig[] {
            McapReaderConfig.defaults().withLimits(LIMIT_BYTES, LIMIT_BYTES),
            McapReaderConfig.strictFileOrder().withLimits(LIMIT_BYTES, LIMIT_BYTES)}) {
            try (McapReader reader = McapReader.open(file, config)) {
                while (reader.next(message)) {
                    if (message.dataLength() < 0
                            || message.dataOffset() + message.dataLength() > message.buffer().capacity()) {
                        throw new AssertionError("message data outside its buffer: " + message.dataOffset() + "+"
                                + message.dataLength());
                    }
                }
                reader.scanned();
            } catch (McapFormatException expected) {
                requireNamed(expected.getMessage(), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("reading a temp file failed", e);
            }
        }
    }

    /** A Lanelet2 map (OSM XML): a {@code LaneletMap}, or {@link Lanelet2FormatException} naming the file. */
    @FuzzTest(maxDuration = "2m")
    void lanelet2Osm(byte[] input) {
        Path file = write("fuzz.osm", input);
        try {
            Lanelet2Reader.read(file);
        } catch (Lanelet2FormatException expected) {
            requireNamed(expected.getMessage(), file.toString());
        }
    }

    /**
     * An OpenStreetMap road map (XML, gzip XML or PBF, told apart by its first bytes) imported by GraphHopper: a
     * road network, or {@link MapLoadException} naming the file. Slow (a GraphHopper import per input: tens of
     * executions a second), so its bounded run is longer.
     */
    @FuzzTest(maxDuration = "3m")
    void osmRoadMap(byte[] input) {
        Path file = write("fuzz.osm", input);
        Path cache = DIR.resolve("graph-cache");
        try {
            RoadNetwork network = RoadNetwork.load(file, MapConfig.defaults().withCacheRoot(cache));
            network.close();
        } catch (MapLoadException expected) {
            requireNamed(expected.getMessage(), file.getFileName().toString());
        } finally {
            deleteRecursively(cache);
        }
    }

    private static final FrameSink RELEASING_SINK = new FrameSink() {
        @Override
        public boolean publish(FrameHeader header, Payload payload) {
            if (payload instanceof PooledPayload pooled) {
                pooled.release();
            }
            return true;
        }
    };

    private static void requireNamed(String message, String name) {
        if (message == null || !message.contains(name)) {
            throw new AssertionError("the error does not name " + name + ": " + message);
        }
    }

    private static Path write(String name, byte[] bytes) {
        Path file = DIR.resolve(name);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("avfusion-fuzz");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder: best effort
        }
    }
}
