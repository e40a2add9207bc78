package org.avfusion.drivers.recorded.rosbag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.frame.TwistSample;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RecordedTimeBase;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;

/**
 * A ROS 1 bag (format 2.0) as a {@link RecordedSource}: the messages of the configured topics, in bag order.
 *
 * <p><b>Time.</b> A frame's capture stamp is its message's {@code header.stamp}; it arrives at the time the
 * recorder received it (the bag's record time). Both are ROS time and map onto the vehicle clock through the one
 * configured {@link RecordedTimeBase}: by default the header stamp of the first replayed message is vehicle time 0,
 * and {@code vehicle = ros - origin + base} for every stamp after it. A message whose header stamp is 0 (never
 * set by its publisher) is stamped with its record time instead. Arrival order is bag order: chunks by file
 * position, records within a chunk as written.
 *
 * <p><b>Bad input.</b> {@link #open} refuses, with a {@link RecordedDriveException} naming the file and byte offset,
 * a file that is not a ROS bag 2.0, a bag cut short before its first chunk, or whose topics do not match the config
 * (a missing topic, an unsupported type). A bag without its index section (a recording interrupted: never closed, or
 * cut short) is replayed from an index rebuilt by scanning ({@link BagIndex}), up to the cut; the cut is counted once
 * in {@link #health()} ({@link RejectReason#TRUNCATED_FILE}: where the file ends, in which chunk, how many messages were
 * read). During the replay a chunk that cannot be read or decompressed costs every message of the replayed topics
 * the index lists in it, and a record whose lengths or header do not hold together costs only itself where the
 * chunk's index says where the next message starts (else the rest of the chunk): each chunk's loss is counted as
 * that many messages, once per chunk, naming the chunk's offset and the lost messages per topic
 * ({@link ChunkRecords}); a message that cannot be decoded costs one frame. The replay goes on.
 *
 * <p>Not thread-safe: one replay thread. Pooled payloads belong to the sink once published; {@link #imagePool()} and
 * {@link #cloudPool()} hold them all again once every sink has released them. {@link #close()} closes the file.
 */
public final class RosbagSource implements RecordedSource {
    private static final int NONE = -1;

    private final Path bag;
    private final RosbagConfig config;
    private final RecordedHealth health;
    private final FileChannel channel;
    private final BagIndex index;
    private final List<BagIndex.Chunk> chunks;
    private final ChunkRecords records;
    private final Map<Integer, Integer> streamOfConnection;
    private final SensorId[] sensors;
    private final RosMessageKind[] kinds;
    private final String[] topics;
    private final long[] sequences;
    private final BufferPool<CameraImage> imagePool;
    private final BufferPool<PointCloud> cloudPool;
    private final RosMessageDecoder decoder = new RosMessageDecoder();
    private final RosCursor cursor = new RosCursor();
    private RecordedTimeBase timeBase;

    private int chunkIndex;
    private long chunkPosition;
    private boolean chunkLoaded;
    private boolean cutReported;
    private ByteBuffer chunk;
    // the pending message: the next frame to emit
    private int pendingStream = NONE;
    private int pendingOffset;
    private int pendingLength;
    private int pendingRecordAt;
    private long pendingRecordNanos;
    private long messagesSeen;

    private RosbagSource(BagIndex index, RosbagConfig config, RecordedHealth health, FileChannel channel,
            List<BagIndex.Chunk> chunks, ChunkRecords records, Map<Integer, Integer> streamOfConnection,
            SensorId[] sensors, RosMessageKind[] kinds, String[] topics) {
        this.bag = index.bag();
        this.config = config;
        this.health = health;
        this.channel = channel;
        this.index = index;
        this.chunks = chunks;
        this.records = records;
        this.streamOfConnection = streamOfConnection;
        this.sensors = sensors;
        this.kinds = kinds;
        this.topics = topics;
        this.sequences = new long[sensors.length];
        String name = bag.getFileName() == null ? "bag" : bag.getFileName().toString();
        imagePool = new BufferPool<>("images." + name,
                () -> new CameraImage(config.maxImageWidthPixels(), config.maxImageHeightPixels()), 0,
                config.imageBuffers());
        cloudPool = new BufferPool<>("clouds." + name, () -> new PointCloud(config.maxCloudPoints()), 0,
                config.cloudBuffers());
    }

    /**
     * Makes, before the replay's clock starts, up to {@code buffersPerStream} pooled clouds for each point-cloud topic
     * and images for each image topic (each pool up to its bound), so that a paced replay's first sweeps and images
     * are not read into buffers made while the vehicle drives. Every mapped topic is in the bag (checked at open):
     * nothing is made for a stream the recording lacks.
     */
    @Override
    public void preallocateBuffers(int buffersPerStream) {
        RecordedSource.super.preallocateBuffers(buffersPerStream);
        List<SensorId> streams = Arrays.asList(sensors);
        cloudPool.preallocate(RecordedSource.buffersFor(streams, SensorKind.LIDAR, buffersPerStream));
        imagePool.preallocate(RecordedSource.buffersFor(streams, SensorKind.CAMERA, buffersPerStream));
    }

    /**
     * Opens a bag, reads its index ({@link BagIndex}: rebuilt by scanning where the bag has none) and positions on
     * the first message of a configured topic.
     *
     * @param health counts what is skipped; a bag that cannot be opened is counted here too before the throw
     * @throws RecordedDriveException naming the file (and byte offset where known) when the bag cannot be read, or
     *                                naming the topic when the config does not match the bag
     */
    public static RosbagSource open(Path bag, RosbagConfig config, RecordedHealth health)
            throws RecordedDriveException {
        Objects.requireNonNull(bag, "bag");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(health, "health");
        try {
            return openChecked(BagIndex.read(bag), config, health);
        } catch (RecordedDriveException e) {
            health.reject(Files.isRegularFile(bag) ? RejectReason.UNREADABLE_FILE : RejectReason.MISSING_FILE,
                    e.getMessage());
            throw e;
        }
    }

    /** As {@link #open(Path, RosbagConfig, RecordedHealth)}, with the bag's index already read. */
    public static RosbagSource open(BagIndex index, RosbagConfig config, RecordedHealth health)
            throws RecordedDriveException {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(health, "health");
        try {
            return openChecked(index, config, health);
        } catch (RecordedDriveException e) {
            health.reject(Files.isRegularFile(index.bag()) ? RejectReason.UNREADABLE_FILE : RejectReason.MISSING_FILE,
                    e.getMessage());
            throw e;
        }
    }

    private static RosbagSource openChecked(BagIndex index, RosbagConfig config, RecordedHealth health)
            throws RecordedDriveException {
        Path bag = index.bag();
        FileChannel channel;
        try {
            channel = FileChannel.open(bag, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "cannot open: " + e, e);
        }
        try {
            Map<String, SensorId> wanted = config.topics();
            Map<String, Integer> streamOfTopic = new HashMap<>();
            List<String> topicNames = new ArrayList<>(wanted.keySet());
            topicNames.sort(Comparator.naturalOrder());
            SensorId[] sensors = new SensorId[topicNames.size()];
            RosMessageKind[] kinds = new RosMessageKind[topicNames.size()];
            String[] topics = topicNames.toArray(new String[0]);
            for (int i = 0; i < topics.length; i++) {
                streamOfTopic.put(topics[i], i);
                sensors[i] = wanted.get(topics[i]);
            }
            Map<Integer, Integer> streamOfConnection = new HashMap<>();
            Map<Integer, String> topicOfConnection = new HashMap<>();
            TreeSet<String> bagTopics = new TreeSet<>();
            List<BagIndex.Connection> connections = new ArrayList<>(index.connections().values());
            connections.sort(Comparator.comparingInt(BagIndex.Connection::id));
            for (BagIndex.Connection connection : connections) {
                bagTopics.add(connection.topic());
                Integer stream = streamOfTopic.get(connection.topic());
                if (stream == null) {
                    continue;
                }
                RosMessageKind kind = RosMessageKind.ofRosType(connection.type());
                String topic = connection.topic();
                if (kind == null) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                            + " carries " + connection.type() + "; replayable types are NavSatFix, Imu, "
                            + "PointCloud2, Image, CompressedImage (sensor_msgs)");
                }
                if (kind.sensorKind() != sensors[stream].kind()) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                            + " carries " + kind.rosType() + " (" + kind.sensorKind() + ") but is mapped to sensor "
                            + sensors[stream] + " of kind " + sensors[stream].kind());
                }
                if (!kind.md5().equals(connection.md5())) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic + " type "
                            + kind.rosType() + " has definition MD5 " + connection.md5() + ", expected "
                            + kind.md5() + " (another message layout)");
                }
                if (kinds[stream] != null && kinds[stream] != kind) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                            + " has connections of two types");
                }
                kinds[stream] = kind;
                streamOfConnection.put(connection.id(), stream);
                topicOfConnection.put(connection.id(), topic);
            }
            for (int i = 0; i < topics.length; i++) {
                if (kinds[i] == null) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topics[i]
                            + " (sensor " + sensors[i] + ") is not in the bag; its topics are " + bagTopics);
                }
            }
            List<BagIndex.Chunk> chunks = index.chunks().stream().filter(c -> !c.countsKnown()
                    || c.counts().keySet().stream().anyMatch(streamOfConnection::containsKey)).toList();
            ChunkRecords records = new ChunkRecords(bag, channel, config.maxChunkBytes(), health, topicOfConnection);
            RosbagSource source = new RosbagSource(index, config, health, channel, chunks, records,
                    streamOfConnection, sensors, kinds, topics);
            source.advance();
            source.timeBase = config.timeBase().resolve(source.pendingStream == NONE ? 0
                    : source.pendingHeaderStamp());
            return source;
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof RecordedDriveException drive) {
                throw drive;
            }
            throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "cannot read: " + e, e);
        }
    }

    /** The pending message's header stamp, or its record time when the header is unset or unreadable. */
    private long pendingHeaderStamp() {
        try {
            long stamp = RosMessageDecoder.headerStampNanos(cursor.reset(chunk, pendingOffset, pendingLength));
            return stamp == 0 ? pendingRecordNanos : stamp;
        } catch (RosDecodeException e) {
            return pendingRecordNanos;
        }
    }

    @Override
    public long nextArrivalNanos() {
        return pendingStream == NONE ? END : timeBase.toVehicleNanos(pendingRecordNanos);
    }

    @Override
    public void emitNext(FrameSink sink) {
        if (pendingStream == NONE) {
            throw new IllegalStateException("ROS bag " + bag + " is exhausted");
        }
        int stream = pendingStream;
        Payload payload = null;
        long stampNanos = 0;
        try {
            cursor.reset(chunk, pendingOffset, pendingLength);
            long headerStamp = RosMessageDecoder.headerStampNanos(cursor);
            stampNanos = timeBase.toVehicleNanos(headerStamp == 0 ? pendingRecordNanos : headerStamp);
            payload = switch (kinds[stream]) {
                case NAV_SAT_FIX -> decoder.navSatFix(cursor, headerStamp);
                case IMU -> decoder.imu(cursor);
                case POINT_CLOUD2 -> decoder.pointCloud2(cursor, cloudPool);
                case IMAGE -> decoder.image(cursor, imagePool);
                case COMPRESSED_IMAGE -> decoder.compressedImage(cursor, imagePool);
                case ODOMETRY -> twist(OdometryDecoder.decodeBody(cursor, headerStamp));
                case TWIST_STAMPED -> twist(TwistStampedDecoder.decodeBody(cursor, headerStamp, ""));
            };
        } catch (RosDecodeException e) {
            health.reject(e.reason(), where(pendingRecordAt) + ": " + kinds[stream].rosType() + " on "
                    + topics[stream] + ": " + e.getMessage());
        }
        advance();
        if (payload != null) {
            SensorId sensor = sensors[stream];
            if (sink.publish(new FrameHeader(sensor, stampNanos, sequences[stream]++), payload)) {
                health.framePublished(sensor);
            }
        }
    }

    /** The vehicle-frame twist of an odometry message (its child frame is taken as the vehicle's base frame). */
    private static TwistSample twist(Odometry odometry) {
        return new TwistSample(odometry.vxMetersPerSecond(), odometry.wzRadiansPerSecond());
    }

    private String where(int recordInChunk) {
        return bag + "@" + chunkPosition + ": chunk byte " + recordInChunk;
    }

    /**
     * Moves to the next message of a configured topic, loading chunks as needed; at the end, counts the cut of a bag
     * cut short. A chunk that cannot be read is counted by {@link ChunkRecords} and skipped.
     */
    private void advance() {
        pendingStream = NONE;
        try {
            while (true) {
                if (!chunkLoaded) {
                    if (chunkIndex >= chunks.size()) {
                        reportCut();
                        return;
                    }
                    BagIndex.Chunk next = chunks.get(chunkIndex++);
                    chunkPosition = next.position();
                    chunkLoaded = records.load(next);
                    continue;
                }
                if (!records.next()) {
                    chunkLoaded = false;
                    continue;
                }
                if (records.op() != BagFraming.OP_MESSAGE_DATA) {
                    continue;
                }
                messagesSeen++;
                Integer stream = streamOfConnection.get(records.connection());
                if (stream != null) {
                    chunk = records.data();
                    pendingStream = stream;
                    pendingOffset = records.dataAt();
                    pendingLength = records.dataLength();
                    pendingRecordAt = records.recordAt();
                    pendingRecordNanos = records.timeNanos();
                    return;
                }
            }
        } catch (IOException e) {
            health.reject(RejectReason.UNREADABLE_FILE, bag + "@" + chunkPosition + ": cannot read: " + e
                    + "; the rest of the bag skipped");
            chunkLoaded = false;
            chunkIndex = chunks.size();
            cutReported = true;
        }
    }

    private void reportCut() {
        if (!cutReported) {
            cutReported = true;
            String cut = index.describeCut(records.foundInAll(), records.foundInChunk());
            if (cut != null) {
                health.reject(RejectReason.TRUNCATED_FILE, cut);
            }
        }
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

    /** Message records seen so far in the chunks read, on any topic. */
    public long messagesSeen() {
        return messagesSeen;
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("ROS bag ").append(bag.getFileName()).append(" (");
        for (int i = 0; i < topics.length; i++) {
            text.append(i == 0 ? "" : ", ").append(topics[i]).append(" -> ").append(sensors[i]);
        }
        return text.append(')').toString();
    }

    @Override
    public void close() {
        decoder.close();
        try {
            channel.close();
        } catch (IOException e) {
            health.reject(RejectReason.UNREADABLE_FILE, bag + ": close failed: " + e.getMessage());
        }
    }
}
