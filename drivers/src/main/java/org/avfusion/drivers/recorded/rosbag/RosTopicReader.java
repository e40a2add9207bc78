package org.avfusion.drivers.recorded.rosbag;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;

/**
 * Reads every message of one topic of a ROS 1 bag (format 2.0), of any message type, and hands each serialized
 * message to a handler: for tools that need a type the {@link RosbagSource} does not replay as a frame (e.g.
 * {@code nav_msgs/Odometry} with {@link OdometryDecoder}). Messages come in bag order (chunks by file position).
 *
 * <p>Bad input as for {@link RosbagSource}: a missing file, a file that is not a bag or is cut short before its first
 * chunk, a topic that is not in the bag or carries another type or layout (MD5) throw a
 * {@link RecordedDriveException} naming the file; a bag without its index is read from an index rebuilt by scanning
 * ({@link BagIndex}) and its cut counted once; a damaged chunk costs the topic's messages the index lists in it
 * ({@link ChunkRecords}), counted as that many; a message the handler rejects with a {@link RosDecodeException} is
 * counted and skipped.
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
            BagIndex index = BagIndex.read(bag, channel);
            Map<Integer, String> connections = new HashMap<>();
            TreeSet<String> topics = new TreeSet<>();
            for (BagIndex.Connection connection : index.connections().values()) {
                topics.add(connection.topic());
                if (!connection.topic().equals(topic)) {
                    continue;
                }
                if (!rosType.equals(connection.type())) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                            + " carries " + connection.type() + ", expected " + rosType);
                }
                if (md5 != null && !md5.equals(connection.md5())) {
                    throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                            + " type " + rosType + " has definition MD5 " + connection.md5() + ", expected "
                            + md5 + " (another message layout)");
                }
                connections.put(connection.id(), topic);
            }
            if (connections.isEmpty()) {
                throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "topic " + topic
                        + " is not in the bag; its topics are " + topics);
            }
            ChunkRecords records = new ChunkRecords(bag, channel, maxChunkBytes, health, connections);
            RosCursor cursor = new RosCursor();
            long delivered = 0;
            for (BagIndex.Chunk chunk : index.chunks()) {
                if (chunk.countsKnown() && chunk.counts().keySet().stream().noneMatch(connections::containsKey)) {
                    continue;
                }
                if (!records.load(chunk)) {
                    continue;
                }
                while (records.next()) {
                    if (records.op() != BagFraming.OP_MESSAGE_DATA || !connections.containsKey(records.connection())) {
                        continue;
                    }
                    try {
                        handler.message(records.timeNanos(), cursor.reset(records.data(), records.dataAt(),
                                records.dataLength()));
                        delivered++;
                    } catch (RosDecodeException e) {
                        health.reject(e.reason(), bag + "@" + chunk.position() + ": chunk byte " + records.recordAt()
                                + ": message on " + topic + ": " + e.getMessage());
                    }
                }
            }
            String cut = index.describeCut(records.foundInAll(), records.foundInChunk());
            if (cut != null) {
                health.reject(RejectReason.TRUNCATED_FILE, cut);
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
}
