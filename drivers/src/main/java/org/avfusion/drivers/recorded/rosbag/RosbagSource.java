package org.avfusion.drivers.recorded.rosbag;

import com.github.swrirobotics.bags.reader.BagFile;
import com.github.swrirobotics.bags.reader.BagReader;
import com.github.swrirobotics.bags.reader.exceptions.BagReaderException;
import com.github.swrirobotics.bags.reader.records.ChunkInfo;
import com.github.swrirobotics.bags.reader.records.Connection;
import com.github.swrirobotics.bags.reader.records.Record;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
 * a bag whose framing does not fit the file (random bytes, a truncated copy), whose index bag-reader-java cannot
 * read, or whose topics do not match the config (a missing topic, an unsupported type). During the replay a chunk
 * that cannot be read or decompressed, a record whose lengths overrun its chunk, and a message that cannot be
 * decoded each cost what they spoil (the chunk's remaining messages, or the one frame) and are counted in
 * {@link #health()} with the file, the chunk's offset and the byte or field; the replay goes on.
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
    private final List<Long> chunkPositions;
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
    private ByteBuffer chunk;
    private int recordAt;
    // the pending message: the next frame to emit
    private int pendingStream = NONE;
    private int pendingOffset;
    private int pendingLength;
    private int pendingRecordAt;
    private long pendingRecordNanos;
    // fields of the record header being scanned
    private int scannedOp;
    private int scannedConnection;
    private long scannedTimeNanos;
    private long messagesSeen;

    private RosbagSource(Path bag, RosbagConfig config, RecordedHealth health, FileChannel channel,
            List<Long> chunkPositions, Map<Integer, Integer> streamOfConnection, SensorId[] sensors,
            RosMessageKind[] kinds, String[] topics) {
        this.bag = bag;
        this.config = config;
        this.health = health;
        this.channel = channel;
        this.chunkPositions = chunkPositions;
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
     * Opens a bag, reads its index and positions on the first message of a configured topic.
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
            return openChecked(bag, config, health);
        } catch (RecordedDriveException e) {
            health.reject(Files.isRegularFile(bag) ? RejectReason.UNREADABLE_FILE : RejectReason.MISSING_FILE,
                    e.getMessage());
            throw e;
        }
    }

    private static RosbagSource openChecked(Path bag, RosbagConfig config, RecordedHealth health)
            throws RecordedDriveException {
        if (!Files.isRegularFile(bag)) {
            throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "ROS bag not found");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(bag, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "cannot open: " + e, e);
        }
        try {
            Map<Long, Integer> records = BagFraming.walk(bag, channel);
            BagFile index;
            try {
                index = BagReader.readFile(bag.toFile());
            } catch (BagReaderException | RuntimeException e) {
                throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET,
                        "bag-reader-java cannot read the index: " + e.getMessage(), e);
            }
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
            TreeSet<String> bagTopics = new TreeSet<>();
            for (Connection connection : index.getConnections()) {
                bagTopics.add(connection.getTopic());
                Integer stream = streamOfTopic.get(connection.getTopic());
                if (stream == null) {
                    continue;
                }
                RosMessageKind kind = RosMessageKind.ofRosType(connection.getType());
                String topic = connection.getTopic();
                if (kind == null) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                            + " carries " + connection.getType() + "; replayable types are NavSatFix, Imu, "
                            + "PointCloud2, Image, CompressedImage (sensor_msgs)");
                }
                if (kind.sensorKind() != sensors[stream].kind()) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                            + " carries " + kind.rosType() + " (" + kind.sensorKind() + ") but is mapped to sensor "
                            + sensors[stream] + " of kind " + sensors[stream].kind());
                }
                if (!kind.md5().equals(connection.getMd5sum())) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic + " type "
                            + kind.rosType() + " has definition MD5 " + connection.getMd5sum() + ", expected "
                            + kind.md5() + " (another message layout)");
                }
                if (kinds[stream] != null && kinds[stream] != kind) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                            + " has connections of two types");
                }
                kinds[stream] = kind;
                streamOfConnection.put(connection.getConnectionId(), stream);
            }
            for (int i = 0; i < topics.length; i++) {
                if (kinds[i] == null) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topics[i]
                            + " (sensor " + sensors[i] + ") is not in the bag; its topics are " + bagTopics);
                }
            }
            TreeSet<Long> chunks = new TreeSet<>();
            for (ChunkInfo info : index.getChunkInfos()) {
                boolean wantedChunk = info.getConnections().stream()
                        .anyMatch(c -> streamOfConnection.containsKey(c.getConnectionId()));
                if (!wantedChunk) {
                    continue;
                }
                Integer op = records.get(info.getChunkPos());
                if (op == null || op != BagFraming.OP_CHUNK) {
                    throw new RecordedDriveException(bag, info.getChunkPos(), "the index points at a chunk here, "
                            + "but no chunk record starts at this offset");
                }
                chunks.add(info.getChunkPos());
            }
            RosbagSource source = new RosbagSource(bag, config, health, channel, List.copyOf(chunks),
                    streamOfConnection, sensors, kinds, topics);
            source.advance();
            source.timeBase = config.timeBase().resolve(source.pendingStream == NONE ? 0
                    : source.pendingHeaderStamp());
            return source;
        } catch (RecordedDriveException | RuntimeException e) {
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

    /** Moves to the next message of a configured topic, loading chunks as needed. */
    private void advance() {
        pendingStream = NONE;
        while (true) {
            if (chunk == null) {
                if (chunkIndex >= chunkPositions.size()) {
                    return;
                }
                chunkPosition = chunkPositions.get(chunkIndex++);
                chunk = loadChunk(chunkPosition);
                recordAt = 0;
                if (chunk == null) {
                    continue;
                }
            }
            if (recordAt >= chunk.limit()) {
                chunk = null;
                continue;
            }
            if (!nextRecord()) {
                chunk = null;
                continue;
            }
            if (pendingStream != NONE) {
                return;
            }
        }
    }

    /**
     * Reads the record at {@code recordAt}; sets the pending message if it is one of ours. False when the record's
     * lengths overrun the chunk (counted; the rest of the chunk is skipped).
     */
    private boolean nextRecord() {
        int at = recordAt;
        int end = chunk.limit();
        if (end - at < 4) {
            health.reject(RejectReason.MALFORMED, where(at) + ": record cut off by the end of the chunk");
            return false;
        }
        int headerLength = chunk.getInt(at);
        if (headerLength < 0 || headerLength > end - at - 8) {
            health.reject(RejectReason.MALFORMED, where(at) + ": record header of " + headerLength
                    + " bytes overruns the chunk");
            return false;
        }
        int dataLengthAt = at + 4 + headerLength;
        int dataLength = chunk.getInt(dataLengthAt);
        int dataAt = dataLengthAt + 4;
        if (dataLength < 0 || dataLength > end - dataAt) {
            health.reject(RejectReason.MALFORMED, where(at) + ": record data of " + (dataLength & 0xffffffffL)
                    + " bytes overruns the chunk");
            return false;
        }
        String problem = scanHeader(at + 4, dataLengthAt);
        if (problem != null) {
            health.reject(RejectReason.MALFORMED, where(at) + ": record header: " + problem);
            return false;
        }
        recordAt = dataAt + dataLength;
        if (scannedOp == BagFraming.OP_MESSAGE_DATA) {
            messagesSeen++;
            Integer stream = streamOfConnection.get(scannedConnection);
            if (stream != null) {
                pendingStream = stream;
                pendingOffset = dataAt;
                pendingLength = dataLength;
                pendingRecordAt = at;
                pendingRecordNanos = scannedTimeNanos;
            }
        }
        return true;
    }

    /** Finds {@code op}, {@code conn} and {@code time} in a record header without allocating; null when fine. */
    private String scanHeader(int from, int end) {
        scannedOp = NONE;
        scannedConnection = NONE;
        scannedTimeNanos = 0;
        int at = from;
        while (at < end) {
            if (end - at < 4) {
                return "field length cut off at chunk byte " + at;
            }
            int length = chunk.getInt(at);
            int field = at + 4;
            if (length < 0 || length > end - field) {
                return "field of " + length + " bytes overruns the header at chunk byte " + at;
            }
            int valueAt = field;
            while (valueAt < field + length && chunk.get(valueAt) != '=') {
                valueAt++;
            }
            int nameLength = valueAt - field;
            valueAt++;
            int valueLength = field + length - valueAt;
            if (nameLength == 2 && chunk.get(field) == 'o' && chunk.get(field + 1) == 'p' && valueLength == 1) {
                scannedOp = chunk.get(valueAt) & 0xff;
            } else if (nameLength == 4 && isName(field, "conn") && valueLength == 4) {
                scannedConnection = chunk.getInt(valueAt);
            } else if (nameLength == 4 && isName(field, "time") && valueLength == 8) {
                long seconds = chunk.getInt(valueAt) & 0xffffffffL;
                long nanos = chunk.getInt(valueAt + 4) & 0xffffffffL;
                scannedTimeNanos = seconds * 1_000_000_000L + Math.min(nanos, 999_999_999L);
            }
            at = field + length;
        }
        if (scannedOp == NONE) {
            return "no one-byte 'op' field";
        }
        if (scannedOp == BagFraming.OP_MESSAGE_DATA && scannedConnection == NONE) {
            return "message record without a 4-byte 'conn' field";
        }
        return null;
    }

    private boolean isName(int at, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (chunk.get(at + i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The decompressed data of the chunk at {@code position}, or null (counted) when it cannot be read. */
    private ByteBuffer loadChunk(long position) {
        try {
            Record record = BagFile.recordAt(channel, position);
            String compression = record.getHeader().getValue("compression");
            long size = record.getHeader().getInt("size") & 0xffffffffL;
            if (!compression.equals("none") && !compression.equals("bz2") && !compression.equals("lz4")) {
                health.reject(RejectReason.UNSUPPORTED, bag + "@" + position + ": chunk compression '" + compression
                        + "' is not none, bz2 or lz4; chunk skipped");
                return null;
            }
            if (size > config.maxChunkBytes()) {
                health.reject(RejectReason.TOO_LARGE, bag + "@" + position + ": chunk claims " + size
                        + " decompressed bytes, more than maxChunkBytes " + config.maxChunkBytes()
                        + "; chunk skipped");
                return null;
            }
            record.readData();
            ByteBuffer data = record.getData().order(ByteOrder.LITTLE_ENDIAN);
            if (compression.equals("none") && data.limit() != size) {
                health.reject(RejectReason.MALFORMED, bag + "@" + position + ": uncompressed chunk of "
                        + data.limit() + " bytes says size " + size + "; chunk skipped");
                return null;
            }
            return data;
        } catch (BagReaderException | RuntimeException e) {
            health.reject(RejectReason.UNREADABLE_FILE, bag + "@" + position + ": chunk cannot be read: "
                    + e.getMessage() + "; chunk skipped");
            return null;
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
