package org.avfusion.drivers.recorded.rosbag;

import com.github.swrirobotics.bags.reader.BagFile;
import com.github.swrirobotics.bags.reader.exceptions.BagReaderException;
import com.github.swrirobotics.bags.reader.records.Record;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;

/**
 * The records of one chunk of a ROS bag at a time, in the order written, with the chunk's losses accounted for
 * against the bag's index. Shared by {@link RosbagSource} and {@link RosTopicReader}.
 *
 * <p><b>What damage costs.</b> A chunk is decompressed whole (bz2 to its end, so that the block CRC is checked: a
 * damaged bz2 block otherwise decompresses to garbage of the right length). A chunk that cannot be read (damaged
 * compressed data, an unknown compression, more bytes than the limit) costs every message the index lists in it. A
 * record inside a chunk whose lengths or header do not hold together costs only itself where the chunk's index-data
 * records say where the next message starts: the walk resumes there (the offsets the index gives each message), else
 * it costs the rest of the chunk. When a chunk ends, the messages of the watched connections that the index lists but
 * the walk did not find are counted in the {@link RecordedHealth}, once per chunk, with the chunk's offset, what was
 * wrong and how many messages of which topic were lost; damage that cost no watched message is counted once.
 *
 * <p>Not thread-safe. The data buffer is valid until the next {@link #load}.
 */
final class ChunkRecords {
    private static final int NONE = -1;

    private final Path bag;
    private final BagIndex.TopRecords file;
    private final int maxChunkBytes;
    private final RecordedHealth health;
    private final Map<Integer, String> topics;
    private final Map<Integer, long[]> found = new HashMap<>();

    private BagIndex.Chunk chunk;
    private ByteBuffer data;
    private int next;
    private int[] offsets;
    private RejectReason problemReason;
    private String problem;
    private int damagedRecords;
    private long foundInChunk;
    private long foundInAll;

    // the current record
    private int op;
    private int connection;
    private long timeNanos;
    private int recordAt;
    private int headerAt;
    private int headerLength;
    private int dataAt;
    private int dataLength;

    /**
     * @param topics the watched connections (id to topic): their messages are counted, and their losses reported
     * @param health where losses are counted; null for a quiet walk (the index's own scan for connections)
     */
    ChunkRecords(Path bag, FileChannel channel, int maxChunkBytes, RecordedHealth health, Map<Integer, String> topics)
            throws IOException {
        this.bag = bag;
        this.file = new BagIndex.TopRecords(bag, channel);
        this.maxChunkBytes = maxChunkBytes;
        this.health = health;
        this.topics = Map.copyOf(topics);
        for (Integer id : topics.keySet()) {
            found.put(id, new long[1]);
        }
    }

    /** A walk that counts nothing and reports nothing. */
    static ChunkRecords quiet(Path bag, FileChannel channel) throws IOException {
        return new ChunkRecords(bag, channel, RosbagConfig.DEFAULT_MAX_CHUNK_BYTES, null, Map.of());
    }

    /**
     * Loads and decompresses {@code chunk}. False when it cannot be read: its messages are then counted as lost
     * (unless it is the chunk the file is cut short in and compressed: the cut accounts for it).
     */
    boolean load(BagIndex.Chunk chunk) throws IOException {
        this.chunk = chunk;
        data = null;
        next = 0;
        offsets = null;
        problem = null;
        problemReason = null;
        damagedRecords = 0;
        foundInChunk = 0;
        found.values().forEach(n -> n[0] = 0);
        String compression = chunk.compression();
        if (compression == null || chunk.size() < 0) {
            return lost(RejectReason.MALFORMED, "the chunk header has no readable 'compression' and 'size'");
        }
        if (!compression.equals("none") && !compression.equals("bz2") && !compression.equals("lz4")) {
            return lost(RejectReason.UNSUPPORTED, "chunk compression '" + compression + "' is not none, bz2 or lz4");
        }
        if (chunk.size() > maxChunkBytes) {
            return lost(RejectReason.TOO_LARGE, "chunk claims " + chunk.size() + " decompressed bytes, more than "
                    + "maxChunkBytes " + maxChunkBytes);
        }
        if (chunk.cut() && !compression.equals("none")) {
            this.chunk = null;
            return false;
        }
        if (compression.equals("none")) {
            if (!chunk.cut() && chunk.dataBytes() != chunk.size()) {
                return lost(RejectReason.MALFORMED, "uncompressed chunk of " + chunk.dataBytes() + " bytes says size "
                        + chunk.size());
            }
            data = ByteBuffer.allocate(chunk.dataBytes());
            file.read(data, chunk.dataAt());
            data.flip();
        } else {
            String failure = compression.equals("bz2") ? bunzip() : lz4();
            if (failure != null) {
                return lost(RejectReason.UNREADABLE_FILE, compression + " data damaged: " + failure);
            }
        }
        data.order(ByteOrder.LITTLE_ENDIAN);
        return true;
    }

    /** Decompresses a bz2 chunk to its end (which checks the block CRCs); null when fine, else why not. */
    private String bunzip() throws IOException {
        ByteBuffer compressed = ByteBuffer.allocate(chunk.dataBytes());
        file.read(compressed, chunk.dataAt());
        byte[] out = new byte[(int) chunk.size()];
        try (InputStream in = new BZip2CompressorInputStream(new ByteArrayInputStream(compressed.array(), 0,
                compressed.position()))) {
            int n = 0;
            while (n < out.length) {
                int r = in.read(out, n, out.length - n);
                if (r < 0) {
                    return "it decompresses to " + n + " bytes, the chunk header says " + out.length;
                }
                n += r;
            }
            if (in.read() >= 0) {
                return "it decompresses to more than the " + out.length + " bytes the chunk header says";
            }
        } catch (IOException | RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
        data = ByteBuffer.wrap(out);
        return null;
    }

    /** Decompresses an LZ4 chunk with bag-reader-java (its LZ4 frame reader knows roslz4's frames). */
    private String lz4() {
        try {
            Record record = BagFile.recordAt(file.channel(), chunk.position());
            record.readData();
            data = record.getData();
            return null;
        } catch (BagReaderException | RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    /**
     * Moves to the next record of the chunk, of any kind. False at the chunk's end (or when no chunk is loaded); the
     * chunk's losses are counted then.
     */
    boolean next() {
        if (data == null) {
            return false;
        }
        int end = data.limit();
        while (next < end) {
            int at = next;
            String wrong = frame(at, end);
            if (wrong == null) {
                next = dataAt + dataLength;
                if (op == BagFraming.OP_MESSAGE_DATA) {
                    long[] n = found.get(connection);
                    if (n != null) {
                        n[0]++;
                        foundInChunk++;
                        foundInAll++;
                    }
                }
                return true;
            }
            if (chunk.cut() && wrong.contains("overruns the chunk")) {
                break; // the cut: accounted for by the source
            }
            if (problem == null) {
                problem = "record at chunk byte " + at + ": " + wrong;
                problemReason = RejectReason.MALFORMED;
            }
            damagedRecords++;
            next = resumeAfter(at, end);
        }
        finish(null, null);
        return false;
    }

    /** Reads the record at {@code at}: null when it holds together, else what is wrong. No allocation. */
    private String frame(int at, int end) {
        if (end - at < 8) {
            return "record cut off by the end of the chunk (" + (end - at) + " bytes left)";
        }
        int length = data.getInt(at);
        if (length < 0 || length > end - at - 8) {
            return "record header of " + length + " bytes overruns the chunk";
        }
        int lengthAt = at + 4 + length;
        int bytes = data.getInt(lengthAt);
        if (bytes < 0 || bytes > end - lengthAt - 4) {
            return "record data of " + (bytes & 0xffffffffL) + " bytes overruns the chunk";
        }
        String wrong = scanHeader(at + 4, lengthAt);
        if (wrong != null) {
            return "record header: " + wrong;
        }
        recordAt = at;
        headerAt = at + 4;
        headerLength = length;
        dataAt = lengthAt + 4;
        dataLength = bytes;
        return null;
    }

    /** The next message the index lists after {@code at}, or the chunk's end when the index does not say. */
    private int resumeAfter(int at, int end) {
        if (offsets == null) {
            offsets = indexedOffsets();
        }
        int i = Arrays.binarySearch(offsets, at + 1);
        i = i >= 0 ? i : -i - 1;
        return i < offsets.length && offsets[i] < end ? offsets[i] : end;
    }

    /** Every message offset the chunk's index-data records give, sorted; empty when they cannot be read. */
    private int[] indexedOffsets() {
        int[] all = new int[0];
        int count = 0;
        long at = chunk.indexDataAt();
        try {
            while (at < file.size()) {
                BagIndex.TopRecord record = file.at(at);
                if (record.op != BagFraming.OP_INDEX_DATA) {
                    break;
                }
                ByteBuffer entries = file.data(record);
                int n = entries.remaining() / 12;
                all = Arrays.copyOf(all, count + n);
                for (int i = 0; i < n; i++) {
                    long offset = entries.getInt(12 * i + 8) & 0xffffffffL;
                    if (offset < data.limit()) {
                        all[count++] = (int) offset;
                    }
                }
                at = record.end();
            }
        } catch (IOException | BagIndex.Unfit e) {
            // the offsets read so far still help
        }
        int[] sorted = Arrays.copyOf(all, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Counts a chunk that cannot be read at all; returns false. */
    private boolean lost(RejectReason reason, String why) {
        data = null;
        finish(reason, why);
        return false;
    }

    /**
     * Counts what the chunk lost: the watched messages the index lists and the walk did not find, with the first
     * problem; damage that cost none of them counts once.
     */
    private void finish(RejectReason reason, String why) {
        if (chunk == null) {
            return;
        }
        BagIndex.Chunk done = chunk;
        chunk = null;
        data = null;
        if (why != null) {
            problem = why;
            problemReason = reason;
        }
        if (health == null) {
            return;
        }
        TreeMap<String, Long> lostByTopic = new TreeMap<>();
        long lost = 0;
        for (Map.Entry<Integer, String> watched : topics.entrySet()) {
            long listed = done.counts().getOrDefault(watched.getKey(), 0L);
            long missing = listed - found.get(watched.getKey())[0];
            if (missing > 0) {
                lostByTopic.merge(watched.getValue(), missing, Long::sum);
                lost += missing;
            }
        }
        if (lost == 0 && problem == null) {
            return;
        }
        StringBuilder message = new StringBuilder().append(bag).append('@').append(done.position()).append(": chunk ")
                .append(done.number()).append(": ")
                .append(problem == null ? "the index lists messages the chunk does not hold" : problem);
        if (damagedRecords > 1) {
            message.append(" (").append(damagedRecords).append(" damaged records)");
        }
        if (damagedRecords > 0 && offsets != null && offsets.length > 0) {
            message.append("; resumed at the next message the index lists");
        }
        if (lost > 0) {
            message.append("; ").append(lost).append(lost == 1 ? " message" : " messages").append(" lost (");
            String separator = "";
            for (Map.Entry<String, Long> e : lostByTopic.entrySet()) {
                message.append(separator).append(e.getKey()).append(' ').append(e.getValue());
                separator = ", ";
            }
            message.append(')');
        } else if (done.countsKnown()) {
            message.append("; no message of the topics read lost");
        } else {
            message.append("; how many messages that cost the bag does not say (no index for this chunk)");
        }
        health.reject(problemReason == null ? RejectReason.MALFORMED : problemReason, Math.max(1, lost),
                message.toString());
    }

    /** Finds {@code op}, {@code conn} and {@code time} in a record header without allocating; null when fine. */
    private String scanHeader(int from, int end) {
        op = NONE;
        connection = NONE;
        timeNanos = 0;
        int at = from;
        while (at < end) {
            if (end - at < 4) {
                return "field length cut off at chunk byte " + at;
            }
            int length = data.getInt(at);
            int field = at + 4;
            if (length < 0 || length > end - field) {
                return "field of " + length + " bytes overruns the header at chunk byte " + at;
            }
            int valueAt = field;
            while (valueAt < field + length && data.get(valueAt) != '=') {
                valueAt++;
            }
            int nameLength = valueAt - field;
            valueAt++;
            int valueLength = field + length - valueAt;
            if (nameLength == 2 && data.get(field) == 'o' && data.get(field + 1) == 'p' && valueLength == 1) {
                op = data.get(valueAt) & 0xff;
            } else if (nameLength == 4 && isName(field, "conn") && valueLength == 4) {
                connection = data.getInt(valueAt);
            } else if (nameLength == 4 && isName(field, "time") && valueLength == 8) {
                long seconds = data.getInt(valueAt) & 0xffffffffL;
                long nanos = data.getInt(valueAt + 4) & 0xffffffffL;
                timeNanos = seconds * 1_000_000_000L + Math.min(nanos, 999_999_999L);
            }
            at = field + length;
        }
        if (op == NONE) {
            return "no one-byte 'op' field";
        }
        if ((op == BagFraming.OP_MESSAGE_DATA || op == BagFraming.OP_CONNECTION) && connection == NONE) {
            return "record of op " + op + " without a 4-byte 'conn' field";
        }
        return null;
    }

    private boolean isName(int at, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (data.get(at + i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The current record's op code. */
    int op() {
        return op;
    }

    /** The current record's {@code conn}, or -1. */
    int connection() {
        return connection;
    }

    /** The current message's record time (when the recorder received it), nanoseconds since 1970; 0 when unset. */
    long timeNanos() {
        return timeNanos;
    }

    /** Chunk byte where the current record starts. */
    int recordAt() {
        return recordAt;
    }

    /** Chunk byte where the current record's data starts. */
    int dataAt() {
        return dataAt;
    }

    int dataLength() {
        return dataLength;
    }

    /** The decompressed chunk (little-endian); valid until the next {@link #load}. */
    ByteBuffer data() {
        return data;
    }

    /** The current record's header fields (allocates: for connection records). */
    Map<String, ByteBuffer> headerFields() throws BagIndex.Unfit {
        try {
            return BagFraming.fields(data.slice(headerAt, headerLength).order(ByteOrder.LITTLE_ENDIAN));
        } catch (RosDecodeException e) {
            throw new BagIndex.Unfit("record at chunk byte " + recordAt + ": " + e.getMessage());
        }
    }

    /** The current record's data, as a little-endian view. */
    ByteBuffer payload() {
        return data.slice(dataAt, dataLength).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Messages of the watched connections found in the chunk being read (or last read). */
    long foundInChunk() {
        return foundInChunk;
    }

    /** Messages of the watched connections found in every chunk read so far. */
    long foundInAll() {
        return foundInAll;
    }
}
