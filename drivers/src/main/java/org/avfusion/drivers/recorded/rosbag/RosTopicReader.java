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
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;

/**
 * Reads every message of one topic of a ROS 1 bag (format 2.0), of any message type, and hands each serialized
 * message to a handler: for tools that need a type the {@link RosbagSource} does not replay as a frame (e.g.
 * {@code nav_msgs/Odometry} with {@link OdometryDecoder}). Messages come in bag order (chunks by file position).
 *
 * <p>Bad input: the framing is checked as for {@link RosbagSource} ({@link BagFraming}); a missing file, an
 * unreadable index, a topic that is not in the bag or carries another type or layout (MD5) throw a
 * {@link RecordedDriveException} naming the file; a chunk that cannot be read, a record overrunning its chunk and a
 * message the handler rejects with a {@link RosDecodeException} are counted in the given {@link RecordedHealth}
 * and skipped.
 *
 * <p>Stateless; each call opens and closes the file. The cursor handed to the handler is valid only during the call.
 */
public final class RosTopicReader {
    private RosTopicReader() {
    }

    /** Receives one serialized message; may throw {@link RosDecodeException} to have it counted and skipped. */
    @FunctionalInterface
    public interface MessageHandler {
        /**
         * @param recordNanos the bag's record time (when the recorder received it), nanoseconds since 1970
         * @param message     the serialized message, header first
         */
        void message(long recordNanos, RosCursor message);
    }

    /**
     * Reads the messages of {@code topic}.
     *
     * @param rosType       the type the topic must carry, e.g. {@code nav_msgs/Odometry}
     * @param md5           the MD5 of that type's definition; null accepts any layout
     * @param maxChunkBytes largest decompressed chunk accepted (see {@link RosbagConfig#maxChunkBytes()})
     * @return the number of messages handed to the handler without a decode error
     */
    public static long read(Path bag, String topic, String rosType, String md5, int maxChunkBytes,
            RecordedHealth health, MessageHandler handler) throws RecordedDriveException {
        Objects.requireNonNull(bag, "bag");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(rosType, "rosType");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(handler, "handler");
        if (!Files.isRegularFile(bag)) {
            health.reject(RejectReason.MISSING_FILE, bag + ": ROS bag not found");
            throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "ROS bag not found");
        }
        try (FileChannel channel = FileChannel.open(bag, StandardOpenOption.READ)) {
            Map<Long, Integer> records = BagFraming.walk(bag, channel);
            BagFile index;
            try {
                index = BagReader.readFile(bag.toFile());
            } catch (BagReaderException | RuntimeException e) {
                throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET,
                        "bag-reader-java cannot read the index: " + e.getMessage(), e);
            }
            Set<Integer> connections = new HashSet<>();
            TreeSet<String> topics = new TreeSet<>();
            for (Connection connection : index.getConnections()) {
                topics.add(connection.getTopic());
                if (!connection.getTopic().equals(topic)) {
                    continue;
                }
                if (!rosType.equals(connection.getType())) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                            + " carries " + connection.getType() + ", expected " + rosType);
                }
                if (md5 != null && !md5.equals(connection.getMd5sum())) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                            + " type " + rosType + " has definition MD5 " + connection.getMd5sum() + ", expected "
                            + md5 + " (another message layout)");
                }
                connections.add(connection.getConnectionId());
            }
            if (connections.isEmpty()) {
                throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                        + " is not in the bag; its topics are " + topics);
            }
            TreeSet<Long> chunks = new TreeSet<>();
            for (ChunkInfo info : index.getChunkInfos()) {
                if (info.getConnections().stream().noneMatch(c -> connections.contains(c.getConnectionId()))) {
                    continue;
                }
                Integer op = records.get(info.getChunkPos());
                if (op == null || op != BagFraming.OP_CHUNK) {
                    throw new RecordedDriveException(bag, info.getChunkPos(), "the index points at a chunk here, "
                            + "but no chunk record starts at this offset");
                }
                chunks.add(info.getChunkPos());
            }
            RosCursor cursor = new RosCursor();
            long delivered = 0;
            for (long position : chunks) {
                ByteBuffer chunk = loadChunk(bag, channel, position, maxChunkBytes, health);
                if (chunk != null) {
                    delivered += walkChunk(bag, position, chunk, connections, topic, health, cursor, handler);
                }
            }
            return delivered;
        } catch (IOException e) {
            if (e instanceof RecordedDriveException drive) {
                health.reject(RejectReason.UNREADABLE_FILE, drive.getMessage());
                throw drive;
            }
            health.reject(RejectReason.UNREADABLE_FILE, bag + ": " + e.getMessage());
            throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "cannot read: " + e, e);
        }
    }

    private static long walkChunk(Path bag, long position, ByteBuffer chunk, Set<Integer> connections, String topic,
            RecordedHealth health, RosCursor cursor, MessageHandler handler) {
        long delivered = 0;
        int at = 0;
        int end = chunk.limit();
        while (at < end) {
            String where = bag + "@" + position + ": chunk byte " + at;
            if (end - at < 8) {
                health.reject(RejectReason.MALFORMED, where + ": record cut off by the end of the chunk");
                return delivered;
            }
            int headerLength = chunk.getInt(at);
            if (headerLength < 0 || headerLength > end - at - 8) {
                health.reject(RejectReason.MALFORMED, where + ": record header of " + headerLength
                        + " bytes overruns the chunk");
                return delivered;
            }
            int dataLengthAt = at + 4 + headerLength;
            int dataLength = chunk.getInt(dataLengthAt);
            int dataAt = dataLengthAt + 4;
            if (dataLength < 0 || dataLength > end - dataAt) {
                health.reject(RejectReason.MALFORMED, where + ": record data of " + (dataLength & 0xffffffffL)
                        + " bytes overruns the chunk");
                return delivered;
            }
            Map<String, ByteBuffer> fields;
            try {
                fields = BagFraming.fields(chunk.slice(at + 4, headerLength).order(ByteOrder.LITTLE_ENDIAN));
            } catch (RosDecodeException e) {
                health.reject(RejectReason.MALFORMED, where + ": record header: " + e.getMessage());
                return delivered;
            }
            at = dataAt + dataLength;
            ByteBuffer conn = fields.get("conn");
            ByteBuffer time = fields.get("time");
            if (BagFraming.op(fields) != BagFraming.OP_MESSAGE_DATA || conn == null || conn.remaining() != 4
                    || !connections.contains(conn.getInt(conn.position()))) {
                continue;
            }
            long recordNanos = 0;
            if (time != null && time.remaining() == 8) {
                long seconds = time.getInt(time.position()) & 0xffffffffL;
                long nanos = time.getInt(time.position() + 4) & 0xffffffffL;
                recordNanos = seconds * 1_000_000_000L + Math.min(nanos, 999_999_999L);
            }
            try {
                handler.message(recordNanos, cursor.reset(chunk, dataAt, dataLength));
                delivered++;
            } catch (RosDecodeException e) {
                health.reject(e.reason(), where + ": message on " + topic + ": " + e.getMessage());
            }
        }
        return delivered;
    }

    private static ByteBuffer loadChunk(Path bag, FileChannel channel, long position, int maxChunkBytes,
            RecordedHealth health) {
        try {
            Record record = BagFile.recordAt(channel, position);
            String compression = record.getHeader().getValue("compression");
            long size = record.getHeader().getInt("size") & 0xffffffffL;
            if (!compression.equals("none") && !compression.equals("bz2") && !compression.equals("lz4")) {
                health.reject(RejectReason.UNSUPPORTED, bag + "@" + position + ": chunk compression '" + compression
                        + "' is not none, bz2 or lz4; chunk skipped");
                return null;
            }
            if (size > maxChunkBytes) {
                health.reject(RejectReason.TOO_LARGE, bag + "@" + position + ": chunk claims " + size
                        + " decompressed bytes, more than " + maxChunkBytes + "; chunk skipped");
                return null;
            }
            record.readData();
            return record.getData().order(ByteOrder.LITTLE_ENDIAN);
        } catch (BagReaderException | RuntimeException e) {
            health.reject(RejectReason.UNREADABLE_FILE, bag + "@" + position + ": chunk cannot be read: "
                    + e.getMessage() + "; chunk skipped");
            return null;
        }
    }
}
