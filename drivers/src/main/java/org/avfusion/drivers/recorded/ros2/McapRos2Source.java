package org.avfusion.drivers.recorded.ros2;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
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
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.recorded.mcap.McapChannel;
import org.avfusion.drivers.recorded.mcap.McapFormatException;
import org.avfusion.drivers.recorded.mcap.McapMessage;
import org.avfusion.drivers.recorded.mcap.McapReadOrder;
import org.avfusion.drivers.recorded.mcap.McapReader;
import org.avfusion.drivers.recorded.mcap.McapReaderConfig;
import org.avfusion.drivers.recorded.mcap.McapSchema;
import org.avfusion.drivers.recorded.mcap.McapSummary;
import org.avfusion.drivers.recorded.rosbag.RosDecodeException;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * An MCAP file of ROS 2 messages (a rosbag2 recording) as a {@link RecordedSource}: the messages of the
 * configured topics, in log time order ({@link McapReadOrder#LOG_TIME}).
 *
 * <p><b>Time.</b> A frame's capture stamp is its message's {@code header.stamp}; it arrives at its log time (when
 * the recorder received it). Both are ROS time and map onto the vehicle clock through the one configured
 * {@link RecordedTimeBase}: by default the header stamp of the first replayed message is vehicle time 0. A message
 * whose header stamp is 0 is stamped with its log time.
 *
 * <p><b>Bad input.</b> {@link #open} refuses, with a {@link RecordedDriveException} naming the file and byte offset,
 * a file that is not MCAP; with a summary section it also refuses a configured topic the file does not have, or one
 * whose type feeds another sensor kind than the one it is mapped to. During the replay: a channel of a configured
 * topic whose schema this source cannot decode (another type, another encoding than CDR) is skipped and its
 * messages counted per channel ({@link #undecodableByChannel()}; one {@link RejectReason#UNSUPPORTED} in the
 * health per channel); a message that cannot be decoded costs its frame and is counted with its reason; a chunk the
 * reader cannot use (CRC, compression) is counted as {@link RejectReason#UNREADABLE_FILE} and skipped; damage to the
 * file's framing ends the replay after the last complete message, counted with the offset: a file cut short (a
 * recording interrupted by a crash or power loss) as {@link RejectReason#TRUNCATED_FILE}, with the byte where it
 * ends, the messages read and the log time span the cut chunk held. Without a summary, channels are matched to the
 * configured topics as they are met (no walk of the file here: {@code Ros2McapFormat} walks it for the topics).
 * Nothing is thrown out of {@link #emitNext}.
 *
 * <p>Not thread-safe: one replay thread. Pooled payloads belong to the sink once published. {@link #close()}
 * closes the file.
 */
public final class McapRos2Source implements RecordedSource {
    private static final int UNRESOLVED = -3;
    private static final int IGNORED = -2;
    private static final int UNDECODABLE = -1;

    private final Path file;
    private final McapRos2Config config;
    private final RecordedHealth health;
    private final McapReader reader;
    private final String[] topics;
    private final SensorId[] sensors;
    private final long[] sequences;
    private final Map<String, Integer> streamOfTopic = new TreeMap<>();
    /**
     * The sensors whose topic the summary lists with a schema that decodes to the sensor's kind (set at open; empty
     * for a file without a summary): the streams {@link #preallocateBuffers} makes buffers for.
     */
    private final List<SensorId> summarisedSensorStreams = new ArrayList<>();
    private final BufferPool<CameraImage> imagePool;
    private final BufferPool<PointCloud> cloudPool;
    private final Ros2Decoder decoder = new Ros2Decoder();
    private final McapMessage message = new McapMessage();
    private int[] streamOfChannel = new int[0];
    private Ros2MessageType[] typeOfChannel = new Ros2MessageType[0];
    private long[] undecodable = new long[0];
    private final McapProblems problems;
    private RecordedTimeBase timeBase;
    private boolean pending;
    private int pendingStream;
    private Ros2MessageType pendingType;

    private McapRos2Source(Path file, McapRos2Config config, RecordedHealth health, McapReader reader) {
        this.file = file;
        this.config = config;
        this.health = health;
        this.problems = new McapProblems(health);
        this.reader = reader;
        List<String> names = new ArrayList<>(config.topics().keySet());
        Collections.sort(names);
        topics = names.toArray(new String[0]);
        sensors = new SensorId[topics.length];
        sequences = new long[topics.length];
        for (int i = 0; i < topics.length; i++) {
            sensors[i] = config.topics().get(topics[i]);
            streamOfTopic.put(topics[i], i);
        }
        String name = file.getFileName() == null ? "mcap" : file.getFileName().toString();
        imagePool = new BufferPool<>("images." + name,
                () -> new CameraImage(config.maxImageWidthPixels(), config.maxImageHeightPixels()), 0,
                config.imageBuffers());
        cloudPool = new BufferPool<>("clouds." + name, () -> new PointCloud(config.maxCloudPoints()), 0,
                config.cloudBuffers());
    }

    /**
     * Opens an MCAP file and positions on the first message of a configured topic.
     *
     * @param health counts what is skipped; a file that cannot be opened is counted here too before the throw
     * @throws RecordedDriveException naming the file (and byte offset where known) when it is not a readable MCAP
     *                                file, or naming the topic when the config does not match the file's summary
     */
    public static McapRos2Source open(Path file, McapRos2Config config, RecordedHealth health)
            throws RecordedDriveException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(health, "health");
        McapReader reader;
        try {
            reader = McapReader.open(file, McapReaderConfig.defaults().withOrder(McapReadOrder.LOG_TIME)
                    .withLimits(config.maxChunkBytes(), config.maxChunkBytes()));
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
        McapRos2Source source = new McapRos2Source(file, config, health, reader);
        try {
            source.checkAgainstSummary();
        } catch (RecordedDriveException e) {
            health.reject(RejectReason.UNREADABLE_FILE, e.getMessage());
            source.close();
            throw e;
        }
        source.advance();
        source.timeBase = config.timeBase().resolve(source.pending ? source.pendingHeaderStamp() : 0);
        return source;
    }

    /**
     * Makes, before the replay's clock starts, up to {@code buffersPerStream} pooled clouds for each lidar topic and
     * images for each camera topic (each pool up to its bound), so that a paced replay's first sweeps and images are
     * not read into buffers made while the vehicle drives. Only for the topics the file's summary lists with a schema
     * of the sensor's kind ({@link #checkAgainstSummary}): nothing for a channel that cannot feed its sensor, and
     * nothing at all for a file without a summary (a topic it lacks would cost its buffers), whose pools make them
     * when first asked, as before.
     */
    @Override
    public void preallocateBuffers(int buffersPerStream) {
        RecordedSource.super.preallocateBuffers(buffersPerStream);
        cloudPool.preallocate(RecordedSource.buffersFor(summarisedSensorStreams, SensorKind.LIDAR,
                buffersPerStream));
        imagePool.preallocate(RecordedSource.buffersFor(summarisedSensorStreams, SensorKind.CAMERA,
                buffersPerStream));
    }

    /** With a summary, every configured topic must be in the file with a type of its sensor's kind. */
    private void checkAgainstSummary() throws RecordedDriveException {
        McapSummary summary = reader.summary();
        if (summary == null) {
            return;
        }
        TreeSet<String> fileTopics = new TreeSet<>();
        boolean[] found = new boolean[topics.length];
        for (McapChannel channel : summary.channels().values()) {
            fileTopics.add(channel.topic());
            Integer stream = streamOfTopic.get(channel.topic());
            if (stream == null) {
                continue;
            }
            found[stream] = true;
            McapSchema schema = summary.schemaOf(channel);
            Ros2MessageType type = schema == null ? null : Ros2MessageType.ofSchemaName(schema.name());
            if (type != null && type.sensorKind() != null && type.sensorKind() != sensors[stream].kind()) {
                throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, "topic " + channel.topic()
                        + " carries " + type.schemaName() + " (" + type.sensorKind() + ") but is mapped to sensor "
                        + sensors[stream] + " of kind " + sensors[stream].kind());
            }
            if (type != null && type.sensorKind() == sensors[stream].kind()
                    && !summarisedSensorStreams.contains(sensors[stream])) {
                summarisedSensorStreams.add(sensors[stream]); // once, however many channels carry its topic
            }
        }
        for (int i = 0; i < topics.length; i++) {
            if (!found[i]) {
                throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, "topic " + topics[i]
                        + " (sensor " + sensors[i] + ") is not in the MCAP file; its topics are " + fileTopics);
            }
        }
    }

    private long pendingHeaderStamp() {
        try {
            long stamp = decoder.header(message.buffer(), message.dataOffset(), message.dataLength());
            return stamp == 0 ? message.logTimeNanos() : stamp;
        } catch (RosDecodeException e) {
            return message.logTimeNanos();
        }
    }

    @Override
    public long nextArrivalNanos() {
        return pending ? timeBase.toVehicleNanos(message.logTimeNanos()) : END;
    }

    @Override
    public void emitNext(FrameSink sink) {
        if (!pending) {
            throw new IllegalStateException("MCAP file " + file + " is exhausted");
        }
        int stream = pendingStream;
        Ros2MessageType type = pendingType;
        Payload payload = null;
        long stampNanos = 0;
        try {
            long headerStamp = decoder.header(message.buffer(), message.dataOffset(), message.dataLength());
            stampNanos = timeBase.toVehicleNanos(headerStamp == 0 ? message.logTimeNanos() : headerStamp);
            payload = switch (type) {
                case NAV_SAT_FIX -> decoder.navSatFix(headerStamp);
                case IMU -> decoder.imu();
                case POINT_CLOUD2 -> decoder.pointCloud2(cloudPool);
                case IMAGE -> decoder.image(imagePool);
                case COMPRESSED_IMAGE -> decoder.compressedImage(imagePool);
                case ODOMETRY -> {
                    org.avfusion.drivers.recorded.rosbag.Odometry o = decoder.odometry(headerStamp);
                    yield new org.avfusion.drivers.frame.TwistSample(o.vxMetersPerSecond(), o.wzRadiansPerSecond());
                }
                default -> throw new IllegalStateException("not a sensor type: " + type);
            };
        } catch (RosDecodeException e) {
            health.reject(e.reason(), file + "@" + message.recordOffset() + ": " + type.schemaName() + " on "
                    + topics[stream] + " (log time " + message.logTimeNanos() + " ns): " + e.getMessage());
        }
        advance();
        if (payload != null) {
            SensorId sensor = sensors[stream];
            if (sink.publish(new FrameHeader(sensor, stampNanos, sequences[stream]++), payload)) {
                health.framePublished(sensor);
            }
        }
    }

    /** Moves to the next message of a configured, decodable channel; counts what it passes over. */
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
            McapChannel channel = message.channel();
            int stream = streamOf(channel);
            if (stream >= 0) {
                pending = true;
                pendingStream = stream;
                pendingType = typeOfChannel[channel.id()];
                return;
            }
            if (stream == UNDECODABLE) {
                undecodable[channel.id()]++;
            }
        }
    }

    private void countReaderProblems() {
        problems.report(reader, this::sensorOfChannel);
    }

    private SensorId sensorOfChannel(int id) {
        McapChannel c = reader.channel(id);
        int stream = c == null ? IGNORED : streamOf(c);
        return stream >= 0 ? sensors[stream] : null;
    }

    private int streamOf(McapChannel channel) {
        int id = channel.id();
        if (id >= streamOfChannel.length) {
            int grown = Math.max(id + 1, streamOfChannel.length * 2);
            int from = streamOfChannel.length;
            streamOfChannel = Arrays.copyOf(streamOfChannel, grown);
            Arrays.fill(streamOfChannel, from, grown, UNRESOLVED);
            typeOfChannel = Arrays.copyOf(typeOfChannel, grown);
            undecodable = Arrays.copyOf(undecodable, grown);
        }
        if (streamOfChannel[id] == UNRESOLVED) {
            streamOfChannel[id] = resolve(channel);
        }
        return streamOfChannel[id];
    }

    private int resolve(McapChannel channel) {
        Integer stream = streamOfTopic.get(channel.topic());
        if (stream == null) {
            return IGNORED;
        }
        McapSchema schema = reader.schema(channel.schemaId());
        String schemaName = schema == null ? "(none)" : schema.name();
        Ros2MessageType type = schema == null ? null : Ros2MessageType.ofSchemaName(schema.name());
        String why = null;
        if (!Ros2MessageType.MESSAGE_ENCODING.equals(channel.messageEncoding())) {
            why = "message encoding '" + channel.messageEncoding() + "' is not cdr";
        } else if (type == null || type.sensorKind() == null) {
            why = "schema " + schemaName + " is not a sensor message this source decodes (NavSatFix, Imu, "
                    + "PointCloud2, Image, CompressedImage)";
        } else if (type.sensorKind() != sensors[stream].kind()) {
            why = "schema " + schemaName + " feeds " + type.sensorKind() + ", sensor " + sensors[stream] + " is "
                    + sensors[stream].kind();
        }
        if (why != null) {
            health.reject(RejectReason.UNSUPPORTED, file + ": channel " + channel.id() + " (" + channel.topic()
                    + "): " + why + "; its messages are skipped and counted");
            return UNDECODABLE;
        }
        typeOfChannel[channel.id()] = type;
        return stream;
    }

    /** Messages skipped per channel id because their channel's schema or encoding is not decodable. */
    public Map<Integer, Long> undecodableByChannel() {
        Map<Integer, Long> out = new TreeMap<>();
        for (int id = 0; id < undecodable.length; id++) {
            if (undecodable[id] > 0) {
                out.put(id, undecodable[id]);
            }
        }
        return out;
    }

    /** Counts of what was skipped and why. */
    public RecordedHealth health() {
        return health;
    }

    public BufferPool<CameraImage> imagePool() {
        return imagePool;
    }

    public BufferPool<PointCloud> cloudPool() {
        return cloudPool;
    }

    /** The time base with its origin resolved. */
    public RecordedTimeBase timeBase() {
        return timeBase;
    }

    /** The reader, for its summary and problems. */
    public McapReader reader() {
        return reader;
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("MCAP ").append(file.getFileName()).append(" (");
        for (int i = 0; i < topics.length; i++) {
            text.append(i == 0 ? "" : ", ").append(topics[i]).append(" -> ").append(sensors[i]);
        }
        return text.append(')').toString();
    }

    @Override
    public void close() {
        decoder.close();
        try {
            reader.close();
        } catch (IOException e) {
            health.reject(RejectReason.UNREADABLE_FILE, file + ": close failed: " + e.getMessage());
        }
    }
}
