package org.avfusion.drivers.recorded.foxglove;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.McapProblems;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.recorded.mcap.McapChannel;
import org.avfusion.drivers.recorded.mcap.McapFormatException;
import org.avfusion.drivers.recorded.mcap.McapMessage;
import org.avfusion.drivers.recorded.mcap.McapReadOrder;
import org.avfusion.drivers.recorded.mcap.McapReader;
import org.avfusion.drivers.recorded.mcap.McapReaderConfig;
import org.avfusion.drivers.recorded.mcap.McapSchema;
import org.avfusion.drivers.recorded.mcap.McapStatistics;
import org.avfusion.drivers.recorded.mcap.McapSummary;
import org.avfusion.drivers.recorded.mcap.McapWriterConfig;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * Replays the input channels of a recording the runtime made ({@code replay --record}, {@code run --record}): each
 * channel whose metadata names a sensor ({@link InputChannels}) yields that sensor's frames, with the recorded
 * header (sensor, stamp, sequence) and arriving at the recorded log time, so the pipeline sees what it saw when
 * recording. Output channels (decisions, grids, health) are passed over. Bad messages are skipped and counted in
 * {@link #health()}, naming the file, byte offset and field; a damaged file replays up to the damage. Messages are
 * read in file order: the order the recorder wrote them, which for one producer is arrival order.
 *
 * <p><b>A recording cut short</b> (a crash or power loss during {@code --record}: no summary, no Footer, the last
 * chunk cut off) is walked once at {@link #open} for its channels ({@link McapReader#recoverSummary()}), so
 * {@link #sensors()} names every sensor of the intact part, not only those of the first chunk; every message of the
 * complete chunks replays, and the cut is one {@link RejectReason#TRUNCATED_FILE} naming the byte where the file
 * ends, the messages read and the span of log time the cut chunk held. One recorded without a sensor channel in its
 * intact part is refused, naming the cut.
 *
 * <p>Not thread-safe: one replay thread. Payloads come from this source's pools ({@link #pools()}).
 */
public final class McapRecordingSource implements RecordedSource {
    private static final int UNRESOLVED = -2;
    private static final int IGNORED = -1;
    /** Longest wait for a pooled buffer before a frame is dropped and counted. */
    public static final long POOL_WAIT_MILLIS = 10_000;
    private static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};

    /**
     * Pool sizes.
     *
     * @param maxCloudPoints       most points a pooled cloud holds
     * @param cloudBuffers         most clouds alive at once
     * @param maxImageWidthPixels  widest image a pooled buffer holds
     * @param maxImageHeightPixels tallest image a pooled buffer holds
     * @param imageBuffers         most images alive at once
     */
    public record Config(int maxCloudPoints, int cloudBuffers, int maxImageWidthPixels, int maxImageHeightPixels,
            int imageBuffers) {
        public Config {
            check("maxCloudPoints", maxCloudPoints, 1, 10_000_000);
            check("cloudBuffers", cloudBuffers, 1, 4096);
            check("maxImageWidthPixels", maxImageWidthPixels, 1, 16_384);
            check("maxImageHeightPixels", maxImageHeightPixels, 1, 16_384);
            check("imageBuffers", imageBuffers, 1, 4096);
        }

        private static void check(String name, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + v);
            }
        }

        /** 262,144 points, 1920x1208 pixels, 16 buffers of each. */
        public static Config defaults() {
            return new Config(262_144, 16, 1920, 1208, 16);
        }
    }

    private final Path file;
    private final McapReader reader;
    private final RecordedHealth health;
    private final BufferPool<PointCloud> clouds;
    private final BufferPool<CameraImage> images;
    private final McapMessage message = new McapMessage();
    private final Map<Integer, SensorId> sensorsByChannel = new LinkedHashMap<>();
    private int[] streamOfChannel = new int[0];
    private final List<SensorId> sensors = new ArrayList<>();
    private final long lastArrivalNanos;
    private boolean pending;
    private final McapProblems problems;

    private McapRecordingSource(Path file, McapReader reader, McapSummary recovered, Config config,
            RecordedHealth health) {
        this.file = file;
        this.reader = reader;
        this.health = health;
        this.problems = new McapProblems(health);
        String name = file.getFileName().toString();
        clouds = new BufferPool<>("clouds." + name, () -> new PointCloud(config.maxCloudPoints()), 0,
                config.cloudBuffers());
        images = new BufferPool<>("images." + name, () -> new CameraImage(config.maxImageWidthPixels(),
                config.maxImageHeightPixels()), 0, config.imageBuffers());
        for (McapChannel c : reader.channels().values()) {
            SensorId s = InputChannels.sensorOf(c.metadata());
            if (s != null && !sensors.contains(s)) {
                sensors.add(s);
            }
        }
        McapSummary known = reader.summary() != null ? reader.summary() : recovered;
        McapStatistics stats = known == null ? null : known.statistics();
        lastArrivalNanos = stats == null || (known == recovered && stats.messageCount() == 0) ? END
                : stats.messageEndNanos();
    }

    /**
     * Whether {@code path} is an MCAP file written by avfusion (its Header's library is ours): cheap, reads the first
     * bytes only. False for any file that cannot be read.
     */
    public static boolean recognizes(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(256);
            if (head.length < 8 + 9 + 4 || !Arrays.equals(head, 0, 8, MAGIC, 0, 8)) {
                return false;
            }
            String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
            // header record: magic, opcode, u64 length, then the profile string (u32 length + bytes): our
            // recordings have no profile; a ROS 2 file written by the same library says "ros2"
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int profileLength = b.getInt(8 + 1 + 8);
            return profileLength == 0 && text.contains(McapWriterConfig.LIBRARY.split(" ")[0] + " mcap");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens a recording and positions on its first input message.
     *
     * @throws RecordedDriveException naming the file (and offset) when it is not a readable MCAP file or has no
     *                                input channel
     */
    public static McapRecordingSource open(Path file, Config config, RecordedHealth health)
            throws RecordedDriveException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(health, "health");
        McapReader reader;
        McapSummary recovered;
        try {
            reader = McapReader.open(file, McapReaderConfig.defaults().withOrder(McapReadOrder.FILE));
            try {
                recovered = reader.summary() == null ? reader.recoverSummary() : null;
            } catch (IOException e) {
                reader.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            health.reject(RejectReason.MISSING_FILE, file + ": MCAP file not found");
            throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, "MCAP file not found", e);
        } catch (McapFormatException e) {
            health.reject(e.truncated() ? RejectReason.TRUNCATED_FILE : RejectReason.UNREADABLE_FILE, e.getMessage());
            throw new RecordedDriveException(file, e.offset(), e.problem(), e);
        } catch (IOException e) {
            health.reject(RejectReason.UNREADABLE_FILE, file + ": cannot read: " + e);
            throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, "cannot read: " + e, e);
        }
        McapRecordingSource source = new McapRecordingSource(file, reader, recovered, config, health);
        if (source.sensors.isEmpty()) {
            source.close();
            McapFormatException damage = reader.damage();
            String reason = "no input channel (no channel metadata " + InputChannels.META_SENSOR + ")";
            if (damage != null) {
                health.reject(damage.truncated() ? RejectReason.TRUNCATED_FILE : RejectReason.UNREADABLE_FILE,
                        damage.getMessage());
                throw new RecordedDriveException(file, damage.offset(), reason + " in the intact part: "
                        + damage.problem(), damage);
            }
            throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, reason + ": not a recording "
                    + "made by avfusion --record");
        }
        source.advance();
        return source;
    }

    /**
     * The sensors whose frames the recording holds, in channel order: from the summary, or for a file without one
     * from the walk of its intact part at {@link #open}.
     */
    public List<SensorId> sensors() {
        return List.copyOf(sensors);
    }

    /**
     * The key-value pairs of the Metadata record called {@code name} (the runtime writes its rig as
     * {@code avfusion.rig} before the first message), or an empty map.
     */
    public Map<String, String> metadata(String name) {
        return reader.metadata().stream().filter(m -> m.name().equals(name)).findFirst()
                .map(org.avfusion.drivers.recorded.mcap.McapMetadata::metadata).orElse(Map.of());
    }

    /** Latest log time in the file (from its summary, or its intact part's), or {@link #END} when unknown. */
    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    /**
     * Makes, before the replay's clock starts, up to {@code buffersPerStream} pooled clouds for each lidar and images
     * for each camera the recording holds ({@link #sensors()}; each pool up to its bound), so that a paced replay's
     * first sweeps and images are not read into buffers made while the vehicle drives.
     */
    @Override
    public void preallocateBuffers(int buffersPerStream) {
        RecordedSource.super.preallocateBuffers(buffersPerStream);
        clouds.preallocate(RecordedSource.buffersFor(sensors, SensorKind.LIDAR, buffersPerStream));
        images.preallocate(RecordedSource.buffersFor(sensors, SensorKind.CAMERA, buffersPerStream));
    }

    public List<BufferPool<?>> pools() {
        return List.of(clouds, images);
    }

    public RecordedHealth health() {
        return health;
    }

    public Path file() {
        return file;
    }

    @Override
    public long nextArrivalNanos() {
        return pending ? message.logTimeNanos() : END;
    }

    @Override
    public void emitNext(FrameSink sink) {
        if (!pending) {
            throw new IllegalStateException("recording " + file + " is exhausted");
        }
        SensorId sensor = sensorsByChannel.get(message.channelId());
        long sequence = message.sequence();
        long offset = message.recordOffset();
        Payload payload = null;
        long stamp = 0;
        try {
            JsonNode m = InputDecoder.parse(message.copyData());
            stamp = InputDecoder.stampNanos(m);
            payload = switch (sensor.kind()) {
                case LIDAR -> InputDecoder.pointCloud(m, () -> acquire(clouds));
                case CAMERA -> InputDecoder.image(m, () -> acquire(images));
                case GNSS -> InputDecoder.gnss(m);
                case IMU -> InputDecoder.imu(m);
                case ODOMETRY -> InputDecoder.twist(m);
            };
            if (payload == null) {
                health.reject(RejectReason.POOL_EXHAUSTED, file + "@" + offset + ": " + sensor + " frame " + sequence
                        + ": every pooled buffer in use");
            }
        } catch (InputDecoder.BadMessage e) {
            health.reject(e.tooLarge() ? RejectReason.TOO_LARGE : RejectReason.MALFORMED, file + "@" + offset + ": "
                    + InputChannels.topic(sensor) + " message " + sequence + ": " + e.getMessage());
        }
        advance();
        if (payload != null) {
            if (sink.publish(new FrameHeader(sensor, stamp, sequence), payload)) {
                health.framePublished(sensor);
            }
        }
    }

    /**
     * A buffer from {@code pool}, waiting up to {@link #POOL_WAIT_MILLIS} for the pipeline to give one back: a
     * recording replays faster than real time when asked, and waiting loses nothing (a live source would drop).
     */
    private static <T extends org.avfusion.drivers.pool.PooledPayload> T acquire(BufferPool<T> pool) {
        long deadline = System.nanoTime() + POOL_WAIT_MILLIS * 1_000_000L;
        T buffer = pool.acquire();
        while (buffer == null && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            buffer = pool.acquire();
        }
        return buffer;
    }

    private void advance() {
        pending = false;
        while (true) {
            boolean got;
            try {
                got = reader.next(message);
            } catch (IOException e) {
                countReaderProblems();
                boolean cut = e instanceof McapFormatException f && f.truncated();
                health.reject(cut ? RejectReason.TRUNCATED_FILE : RejectReason.UNREADABLE_FILE, e.getMessage()
                        + "; the replay ends here");
                return;
            }
            countReaderProblems();
            if (!got) {
                return;
            }
            if (streamOf(message.channel()) >= 0) {
                pending = true;
                return;
            }
        }
    }

    private int streamOf(McapChannel channel) {
        int id = channel.id();
        if (id >= streamOfChannel.length) {
            int from = streamOfChannel.length;
            streamOfChannel = Arrays.copyOf(streamOfChannel, Math.max(id + 1, from * 2));
            Arrays.fill(streamOfChannel, from, streamOfChannel.length, UNRESOLVED);
        }
        if (streamOfChannel[id] == UNRESOLVED) {
            streamOfChannel[id] = resolve(channel);
        }
        return streamOfChannel[id];
    }

    private int resolve(McapChannel channel) {
        SensorId sensor = InputChannels.sensorOf(channel.metadata());
        if (sensor == null) {
            return IGNORED;
        }
        McapSchema schema = reader.schema(channel.schemaId());
        String expected = InputChannels.schemaName(sensor.kind());
        if (schema == null || !expected.equals(schema.name())
                || !FoxgloveSchemas.MESSAGE_ENCODING.equals(channel.messageEncoding())) {
            health.reject(RejectReason.UNSUPPORTED, file + ": channel " + channel.id() + " (" + channel.topic()
                    + ") of sensor " + sensor + " carries " + (schema == null ? "no schema" : schema.name()) + " in "
                    + channel.messageEncoding() + ", not " + expected + " in json; its messages are skipped");
            return IGNORED;
        }
        if (!sensors.contains(sensor)) {
            sensors.add(sensor);
        }
        sensorsByChannel.put(channel.id(), sensor);
        return sensors.indexOf(sensor);
    }

    private void countReaderProblems() {
        problems.report(reader, this::sensorOfChannel);
    }

    private SensorId sensorOfChannel(int id) {
        McapChannel c = reader.channel(id);
        return c != null && streamOf(c) >= 0 ? sensorsByChannel.get(id) : null;
    }

    @Override
    public String describe() {
        return "avfusion recording " + file.getFileName() + " (" + sensors.size() + " sensors: " + sensors + ")";
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            health.reject(RejectReason.UNREADABLE_FILE, file + ": close: " + e.getMessage());
        }
    }
}
