package org.avfusion.drivers.recorded.rosbag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.avfusion.drivers.recorded.RecordedDriveException;

/**
 * The index of a ROS bag 2.0 file: its connections (topic, type, definition MD5) and its chunks (where, how
 * compressed, how many messages of each connection). Read from the index section that the bag header's
 * {@code index_pos} points at (connection and chunk-info records after the last chunk), every length checked against
 * the file before anything is allocated.
 *
 * <p><b>Rebuilt by scanning.</b> A recording that was interrupted has no index section: {@code rosbag record} writes
 * it, and the header's {@code index_pos}, only when it closes the bag; a copy cut short has lost it. Where the index
 * section is missing or does not hold together (a record that does not fit, counts that differ from the header's,
 * a chunk position where no chunk starts), the index is rebuilt as {@code rosbag reindex} does: the file's records are
 * scanned from the bag header on, each chunk followed by its index-data records (per connection: how many messages
 * and where in the chunk), and the connection records are read out of the chunks that use a connection first (which
 * decompresses those chunks once more). The scan stops at the first record
 * that does not fit the file: the {@link Cut}. Chunks before it are whole; an uncompressed chunk the file ends in is
 * kept too (the source reads the records before the cut), a compressed one cannot be read in part.
 *
 * <p>Immutable once read; thread-safe. Holds no open file.
 *
 * @see <a href="http://wiki.ros.org/Bags/Format/2.0">ROS bag format 2.0</a>
 */
public final class BagIndex {
    /** One connection: a topic with its message type and the MD5 of that type's definition. */
    public record Connection(int id, String topic, String type, String md5) {
    }

    /**
     * One chunk record.
     *
     * @param number           1-based, in file order
     * @param position         file offset of the chunk record
     * @param dataAt           file offset of the chunk's (compressed) data
     * @param dataBytes        bytes of data in the file: the record's {@code data_len}, or fewer in a chunk cut short
     * @param compression      {@code none}, {@code bz2} or {@code lz4} (anything else is refused when read); null
     *                         when the chunk header does not say
     * @param size             decompressed bytes the chunk header claims
     * @param indexDataAt      file offset just past the chunk record, where its index-data records start
     * @param counts           messages per connection id, as the index says; empty when not known
     * @param countsKnown      whether {@code counts} is the whole account of the chunk
     * @param cut              the file ends inside this chunk's data
     */
    record Chunk(int number, long position, long dataAt, int dataBytes, String compression, long size,
            long indexDataAt, Map<Integer, Long> counts, boolean countsKnown, boolean cut) {
        Chunk {
            counts = Map.copyOf(counts);
        }
    }

    /**
     * Where the scan of an index-less bag stopped.
     *
     * @param recordAt file offset of the record that does not fit the file
     * @param fileBytes the file's size
     * @param chunk    the chunk the file ends in or just after (in its index data), or null
     * @param inChunkData whether the file ends inside {@code chunk}'s data (else in the records after it)
     * @param pastEnd  whether the record's lengths run past the end of the file (a cut) rather than being damaged
     * @param problem  what does not fit, e.g. "chunk at byte 613625: data of 131590 bytes, 121744 there"
     */
    record Cut(long recordAt, long fileBytes, Chunk chunk, boolean inChunkData, boolean pastEnd, String problem) {
    }

    private final Path bag;
    private final Map<Integer, Connection> connections;
    private final List<Chunk> chunks;
    private final String rebuiltBecause;
    private final Cut cut;

    private BagIndex(Path bag, Map<Integer, Connection> connections, List<Chunk> chunks, String rebuiltBecause,
            Cut cut) {
        this.bag = bag;
        this.connections = Map.copyOf(connections);
        this.chunks = List.copyOf(chunks);
        this.rebuiltBecause = rebuiltBecause;
        this.cut = cut;
    }

    /**
     * Reads the index of {@code bag}, rebuilding it by a scan where the bag has none.
     *
     * @throws RecordedDriveException naming the file and offset when it is not a ROS bag 2.0, is cut short before
     *                                its first chunk, or holds no connection before the cut
     */
    public static BagIndex read(Path bag) throws RecordedDriveException {
        if (!Files.isRegularFile(bag)) {
            throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "ROS bag not found");
        }
        try (FileChannel channel = FileChannel.open(bag, StandardOpenOption.READ)) {
            return read(bag, channel);
        } catch (IOException e) {
            if (e instanceof RecordedDriveException drive) {
                throw drive;
            }
            throw new RecordedDriveException(bag, RecordedDriveException.NO_OFFSET, "cannot read: " + e, e);
        }
    }

    static BagIndex read(Path bag, FileChannel channel) throws IOException {
        TopRecords file = new TopRecords(bag, channel);
        long size = file.size();
        ByteBuffer magic = ByteBuffer.allocate(BagFraming.MAGIC.length());
        file.read(magic, 0);
        String start = new String(magic.array(), 0, magic.position(), StandardCharsets.ISO_8859_1);
        if (!BagFraming.MAGIC.startsWith(start) || start.isEmpty()) {
            throw new RecordedDriveException(bag, 0, "not a ROS bag 2.0: the file does not start with '#ROSBAG V2.0'");
        }
        if (magic.hasRemaining()) {
            throw new RecordedDriveException(bag, 0, "cut short at byte " + size + ", inside the '#ROSBAG V2.0' line: "
                    + "nothing to replay");
        }
        TopRecord header;
        try {
            header = file.at(BagFraming.MAGIC.length());
        } catch (Unfit e) {
            throw new RecordedDriveException(bag, BagFraming.MAGIC.length(), e.pastEnd ? "cut short at byte " + size
                    + ", inside the bag header record (" + e.getMessage() + "): no chunk was written before the cut, "
                    + "nothing to replay" : "the bag header record is damaged (" + e.getMessage() + ")");
        }
        if (header.op != BagFraming.OP_BAG_HEADER) {
            throw new RecordedDriveException(bag, header.at, "the first record is not a bag header (op " + header.op
                    + ", expected " + BagFraming.OP_BAG_HEADER + ")");
        }
        long indexPos = -1;
        int connectionCount = -1;
        int chunkCount = -1;
        String why = null;
        try {
            indexPos = header.longField("index_pos");
            connectionCount = header.intField("conn_count");
            chunkCount = header.intField("chunk_count");
        } catch (Unfit e) {
            why = "the bag header is damaged: " + e.getMessage();
        }
        if (why != null) {
            indexPos = -1;
        } else if (indexPos == 0) {
            why = "index_pos is 0: the recording was not closed";
        } else if (indexPos >= size) {
            why = "index_pos " + indexPos + " lies past the end of the file, " + size + " bytes";
        } else if (indexPos < 0) {
            why = "index_pos " + indexPos + " is not a file offset";
        } else {
            try {
                return fromIndexSection(bag, file, indexPos, connectionCount, chunkCount);
            } catch (Unfit e) {
                why = "the index section at byte " + indexPos + " is damaged: " + e.getMessage();
            }
        }
        return scan(bag, file, header.end(), why, indexPos, indexPos >= size);
    }

    /** The index the bag ends with: connection and chunk-info records from {@code index_pos} to the end. */
    private static BagIndex fromIndexSection(Path bag, TopRecords file, long indexPos, int connectionCount,
            int chunkCount) throws IOException, Unfit {
        Map<Integer, Connection> connections = new HashMap<>();
        List<long[]> infos = new ArrayList<>();
        List<Map<Integer, Long>> infoCounts = new ArrayList<>();
        long at = indexPos;
        while (at < file.size()) {
            TopRecord record = file.at(at);
            if (record.op == BagFraming.OP_CONNECTION) {
                Connection c = connection(record, file.data(record));
                connections.put(c.id(), c);
            } else if (record.op == BagFraming.OP_CHUNK_INFO) {
                long chunkPos = record.longField("chunk_pos");
                int count = record.intField("count");
                ByteBuffer data = file.data(record);
                if (count < 0 || data.remaining() != 8L * count) {
                    throw new Unfit("chunk info at byte " + at + " lists " + count + " connections in "
                            + data.remaining() + " bytes");
                }
                Map<Integer, Long> counts = new HashMap<>();
                for (int i = 0; i < count; i++) {
                    counts.merge(data.getInt(8 * i), data.getInt(8 * i + 4) & 0xffffffffL, Long::sum);
                }
                infos.add(new long[] {chunkPos});
                infoCounts.add(counts);
            } else {
                throw new Unfit("record at byte " + at + " has op " + record.op + ", not a connection or chunk info");
            }
            at = record.end();
        }
        if (connections.size() != connectionCount || infos.size() != chunkCount || connections.isEmpty()) {
            throw new Unfit("it holds " + connections.size() + " connections and " + infos.size()
                    + " chunk infos, the bag header says " + connectionCount + " and " + chunkCount);
        }
        TreeMap<Long, Map<Integer, Long>> byPosition = new TreeMap<>();
        for (int i = 0; i < infos.size(); i++) {
            byPosition.put(infos.get(i)[0], infoCounts.get(i));
        }
        List<Chunk> chunks = new ArrayList<>();
        for (Map.Entry<Long, Map<Integer, Long>> e : byPosition.entrySet()) {
            long position = e.getKey();
            if (position <= BagFraming.MAGIC.length() || position >= indexPos) {
                throw new Unfit("a chunk info points at byte " + position + ", outside the chunks");
            }
            TopRecord record;
            try {
                record = file.at(position);
            } catch (Unfit bad) {
                throw new Unfit("a chunk info points at byte " + position + ", where no chunk record fits: "
                        + bad.getMessage());
            }
            if (record.op != BagFraming.OP_CHUNK) {
                throw new Unfit("a chunk info points at byte " + position + ", where a record of op " + record.op
                        + " starts");
            }
            chunks.add(chunk(chunks.size() + 1, record, record.dataBytes, e.getValue(), true, false));
        }
        return new BagIndex(file.bag(), connections, chunks, null, null);
    }

    /** Rebuilds the index as {@code rosbag reindex} does: every record from {@code from} on, up to a cut. */
    private static BagIndex scan(Path bag, TopRecords file, long from, String why, long indexPos,
            boolean indexPastEnd) throws IOException {
        Map<Integer, Connection> connections = new HashMap<>();
        List<Chunk> chunks = new ArrayList<>();
        TopRecord open = null; // the last chunk, while its index-data records are read
        Map<Integer, Long> counts = new HashMap<>();
        boolean countsKnown = true;
        Cut cut = null;
        long at = from;
        boolean inIndexSection = false;
        while (at < file.size()) {
            inIndexSection |= at == indexPos;
            TopRecord record;
            try {
                record = file.at(at);
            } catch (Unfit e) {
                if (inIndexSection) {
                    break; // damage in the index section the header points at costs no message
                }
                Chunk last = open == null ? null : chunk(chunks.size() + 1, open, open.dataBytes, counts, false, false);
                if (last != null) {
                    chunks.add(last);
                }
                TopRecord partial = e.partial;
                if (partial != null && partial.op == BagFraming.OP_CHUNK) {
                    long there = Math.max(0, file.size() - partial.dataAt);
                    Chunk inside = chunk(chunks.size() + 1, partial, (int) Math.min(there, Integer.MAX_VALUE),
                            Map.of(), false, true);
                    chunks.add(inside);
                    cut = new Cut(at, file.size(), inside, true, true, e.getMessage());
                } else {
                    cut = new Cut(at, file.size(), last != null ? last : chunks.isEmpty() ? null
                            : chunks.get(chunks.size() - 1), false, e.pastEnd, e.getMessage());
                }
                open = null;
                break;
            }
            if (record.op == BagFraming.OP_INDEX_DATA && open != null) {
                try {
                    counts.merge(record.intField("conn"), record.intField("count") & 0xffffffffL, Long::sum);
                } catch (Unfit e) {
                    countsKnown = false;
                }
            } else {
                if (open != null) {
                    chunks.add(chunk(chunks.size() + 1, open, open.dataBytes, counts, countsKnown, false));
                    open = null;
                }
                if (record.op == BagFraming.OP_CHUNK) {
                    open = record;
                    counts = new HashMap<>();
                    countsKnown = true;
                } else if (record.op == BagFraming.OP_CONNECTION) {
                    try {
                        Connection c = connection(record, file.data(record));
                        connections.put(c.id(), c);
                    } catch (Unfit e) {
                        // the same connection is also inside the chunk that first uses it
                    }
                }
            }
            at = record.end();
        }
        if (open != null) {
            chunks.add(chunk(chunks.size() + 1, open, open.dataBytes, counts, countsKnown, false));
        }
        if (cut == null && indexPastEnd && !chunks.isEmpty()) {
            // cut between two records: the header says the index lies past the end
            cut = new Cut(file.size(), file.size(), chunks.get(chunks.size() - 1), false, true, "the bag header's "
                    + "index_pos lies past the end");
        }
        String stop = cut == null ? "" : (cut.pastEnd() ? "cut short at byte " + file.size() : "damaged at byte "
                + cut.recordAt()) + " (" + cut.problem() + ") and ";
        if (chunks.stream().allMatch(c -> c.cut() && !"none".equals(c.compression()))) {
            throw new RecordedDriveException(bag, cut == null ? from : cut.recordAt(), stop + "no index (" + why
                    + "): no chunk was written whole before the " + (cut == null ? "end" : "cut")
                    + ", nothing to replay");
        }
        ChunkRecords records = ChunkRecords.quiet(bag, file.channel());
        for (Chunk chunk : chunks) {
            // a connection record comes first in the chunk that first uses it: read only chunks with new connections
            if (chunk.countsKnown() && connections.keySet().containsAll(chunk.counts().keySet())) {
                continue;
            }
            if (!records.load(chunk)) {
                continue;
            }
            while (records.next()) {
                if (records.op() == BagFraming.OP_CONNECTION && !connections.containsKey(records.connection())) {
                    try {
                        Connection c = connection(records.headerFields(), records.payload());
                        connections.put(c.id(), c);
                    } catch (Unfit e) {
                        // a damaged connection record: its messages are counted as lost when replayed
                    }
                }
            }
        }
        if (connections.isEmpty()) {
            throw new RecordedDriveException(bag, cut == null ? from : cut.recordAt(), stop + "no index (" + why
                    + "): no connection record could be read in the " + chunks.size() + " chunks before the "
                    + (cut == null ? "end" : "cut") + ", nothing to replay");
        }
        return new BagIndex(bag, connections, chunks, why, cut);
    }

    /** A chunk; a chunk header without a readable {@code compression} or {@code size} is refused when loaded. */
    private static Chunk chunk(int number, TopRecord record, int dataBytes, Map<Integer, Long> counts,
            boolean countsKnown, boolean cut) {
        String compression;
        long size;
        try {
            compression = record.stringField("compression");
            size = record.intField("size") & 0xffffffffL;
        } catch (Unfit e) {
            compression = null;
            size = -1;
        }
        return new Chunk(number, record.at, record.dataAt, dataBytes, compression, size,
                record.dataAt + record.dataBytes, counts, countsKnown, cut);
    }

    /** A connection record: {@code conn} and {@code topic} in its header, type and MD5 in its data. */
    static Connection connection(Map<String, ByteBuffer> header, ByteBuffer data) throws Unfit {
        return connection(new TopRecord(0, BagFraming.OP_CONNECTION, header, 0, 0), data);
    }

    private static Connection connection(TopRecord record, ByteBuffer data) throws Unfit {
        int id = record.intField("conn");
        String topic = record.stringField("topic");
        Map<String, ByteBuffer> fields;
        try {
            fields = BagFraming.fields(data.slice().order(ByteOrder.LITTLE_ENDIAN));
        } catch (RosDecodeException e) {
            throw new Unfit("connection " + id + " (" + topic + "): " + e.getMessage());
        }
        TopRecord connectionHeader = new TopRecord(record.at, record.op, fields, 0, 0);
        return new Connection(id, topic, connectionHeader.stringField("type"),
                connectionHeader.stringField("md5sum"));
    }

    /** The bag file. */
    public Path bag() {
        return bag;
    }

    /** Connections by id. */
    public Map<Integer, Connection> connections() {
        return connections;
    }

    /** Topic to message type, sorted by topic. */
    public Map<String, String> topicTypes() {
        Map<String, String> types = new TreeMap<>();
        connections.values().forEach(c -> types.put(c.topic(), c.type()));
        return types;
    }

    List<Chunk> chunks() {
        return chunks;
    }

    /** Whether the bag had no usable index section and its chunks were found by scanning the file. */
    public boolean rebuilt() {
        return rebuiltBecause != null;
    }

    Cut cut() {
        return cut;
    }

    /**
     * One line for the console when the index was rebuilt, e.g. "no index (index_pos 1460552 lies past the end of
     * the file, 735417 bytes): rebuilt by scanning the file, as rosbag reindex does: 5 chunks, cut short at byte
     * 735417 inside chunk 5"; null
     * when the bag's own index was read.
     */
    public String rebuiltNote() {
        if (rebuiltBecause == null) {
            return null;
        }
        StringBuilder note = new StringBuilder("no index (").append(rebuiltBecause)
                .append("): rebuilt by scanning the file, as rosbag reindex does: ").append(chunks.size())
                .append(chunks.size() == 1 ? " chunk" : " chunks");
        if (cut != null && !cut.pastEnd()) {
            note.append(", the scan stops at a damaged record at byte ").append(cut.recordAt());
        } else if (cut != null) {
            note.append(", cut short at byte ").append(cut.fileBytes());
            if (cut.chunk() != null) {
                note.append(cut.inChunkData() ? " inside chunk " : " after chunk ").append(cut.chunk().number());
            }
        }
        return note.toString();
    }

    /**
     * What the cut cost, for the one {@link org.avfusion.drivers.recorded.RejectReason#TRUNCATED_FILE} count: where the
     * file ends, in which chunk, and how many messages were read before it; null when the file is not cut short.
     *
     * @param messagesRead      messages of the topics read, in every chunk
     * @param readInCutChunk    of them, from the part of the chunk the file ends in
     */
    String describeCut(long messagesRead, long readInCutChunk) {
        if (cut == null) {
            return null;
        }
        StringBuilder text = new StringBuilder().append(bag).append('@').append(cut.recordAt()).append(": ");
        Chunk in = cut.chunk();
        if (in != null && cut.inChunkData()) {
            text.append("the bag ends inside chunk ").append(in.number()).append(" at byte ").append(cut.fileBytes())
                    .append(": cut short (").append(cut.problem()).append("; index rebuilt by scanning); ")
                    .append(messagesRead).append(" messages read");
            if ("none".equals(in.compression())) {
                text.append(", ").append(readInCutChunk).append(" of them from the part of chunk ")
                        .append(in.number()).append(" before the cut");
            } else {
                text.append(" from the ").append(in.number() - 1).append(" chunks before it; chunk ")
                        .append(in.number()).append(" is ").append(in.compression())
                        .append("-compressed and cannot be read in part: its messages are lost, how many the bag "
                                + "does not say");
            }
        } else if (in != null && cut.pastEnd()) {
            text.append("the bag ends at byte ").append(cut.fileBytes()).append(", after chunk ").append(in.number())
                    .append(": cut short (").append(cut.problem()).append("; index rebuilt by scanning); ")
                    .append(messagesRead).append(" messages read from its ").append(chunks.size())
                    .append(" chunks; what the recorder wrote after the cut is lost");
        } else {
            text.append("the scan of the bag stops at byte ").append(cut.recordAt()).append(", a damaged record (")
                    .append(cut.problem()).append("; index rebuilt by scanning): the ")
                    .append(cut.fileBytes() - cut.recordAt()).append(" bytes after it cannot be read; ")
                    .append(messagesRead).append(" messages read before it");
        }
        return text.toString();
    }

    /** Not a fit: a record whose lengths or fields do not hold together. */
    static final class Unfit extends Exception {
        private static final long serialVersionUID = 1L;
        /** The record's header where it was readable but its data does not fit the file. */
        final transient TopRecord partial;
        /** Whether plausible lengths run past the end of the file (a cut), rather than lengths no writer writes. */
        final boolean pastEnd;

        Unfit(String message) {
            this(message, null, false);
        }

        Unfit(String message, TopRecord partial, boolean pastEnd) {
            super(message, null, false, false);
            this.partial = partial;
            this.pastEnd = pastEnd;
        }
    }

    /** A top-level record: its header fields and where its data lies. */
    static final class TopRecord {
        final long at;
        final int op;
        final Map<String, ByteBuffer> fields;
        final long dataAt;
        final int dataBytes;

        TopRecord(long at, int op, Map<String, ByteBuffer> fields, long dataAt, int dataBytes) {
            this.at = at;
            this.op = op;
            this.fields = fields;
            this.dataAt = dataAt;
            this.dataBytes = dataBytes;
        }

        long end() {
            return dataAt + dataBytes;
        }

        int intField(String name) throws Unfit {
            ByteBuffer value = fields.get(name);
            if (value == null || value.remaining() != 4) {
                throw new Unfit("record at byte " + at + " (op " + op + ") has no 4-byte '" + name + "'");
            }
            return value.getInt(value.position());
        }

        long longField(String name) throws Unfit {
            ByteBuffer value = fields.get(name);
            if (value == null || value.remaining() != 8) {
                throw new Unfit("record at byte " + at + " (op " + op + ") has no 8-byte '" + name + "'");
            }
            return value.getLong(value.position());
        }

        String stringField(String name) throws Unfit {
            ByteBuffer value = fields.get(name);
            if (value == null) {
                throw new Unfit("record at byte " + at + " (op " + op + ") has no '" + name + "'");
            }
            byte[] bytes = new byte[value.remaining()];
            value.get(value.position(), bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Reads top-level records, checking each length against the file before allocating. */
    static final class TopRecords {
        private final Path bag;
        private final FileChannel channel;
        private final long size;
        private final ByteBuffer four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);

        TopRecords(Path bag, FileChannel channel) throws IOException {
            this.bag = bag;
            this.channel = channel;
            this.size = channel.size();
        }

        Path bag() {
            return bag;
        }

        FileChannel channel() {
            return channel;
        }

        long size() {
            return size;
        }

        /** The record at {@code at}; throws {@link Unfit} (with the header where readable) when it does not fit. */
        TopRecord at(long at) throws IOException, Unfit {
            if (at + 4 > size) {
                throw new Unfit("record length at byte " + at + " cut off by the end of the file", null, true);
            }
            int headerLength = readInt(at);
            if (headerLength < 0 || headerLength > BagFraming.MAX_HEADER_BYTES) {
                throw new Unfit("record at byte " + at + " claims a header of " + headerLength + " bytes (at most "
                        + BagFraming.MAX_HEADER_BYTES + ")");
            }
            if (at + 4 + headerLength > size) {
                throw new Unfit("record at byte " + at + ": header of " + headerLength + " bytes, "
                        + (size - at - 4) + " there", null, true);
            }
            ByteBuffer header = ByteBuffer.allocate(headerLength).order(ByteOrder.LITTLE_ENDIAN);
            read(header, at + 4);
            header.flip();
            Map<String, ByteBuffer> fields;
            try {
                fields = BagFraming.fields(header);
            } catch (RosDecodeException e) {
                throw new Unfit("record at byte " + at + ": header: " + e.getMessage());
            }
            int op = BagFraming.op(fields);
            if (op < 0) {
                throw new Unfit("record at byte " + at + ": header has no one-byte 'op' field");
            }
            long dataLengthAt = at + 4 + headerLength;
            long dataAt = dataLengthAt + 4;
            if (dataAt > size) {
                throw new Unfit(describe(op) + " at byte " + at + ": data length cut off by the end of the file",
                        new TopRecord(at, op, fields, dataAt, 0), true);
            }
            long dataLength = readInt(dataLengthAt) & 0xffffffffL;
            if (dataAt + dataLength > size) {
                throw new Unfit(describe(op) + " at byte " + at + ": data of " + dataLength + " bytes, "
                        + (size - dataAt) + " there", new TopRecord(at, op, fields, dataAt, 0),
                        dataLength <= Integer.MAX_VALUE);
            }
            if (dataLength > Integer.MAX_VALUE) {
                throw new Unfit(describe(op) + " at byte " + at + ": data of " + dataLength + " bytes");
            }
            return new TopRecord(at, op, fields, dataAt, (int) dataLength);
        }

        /** A record's data, read whole (index records: connections, chunk infos, index data). */
        ByteBuffer data(TopRecord record) throws IOException {
            ByteBuffer data = ByteBuffer.allocate(record.dataBytes).order(ByteOrder.LITTLE_ENDIAN);
            read(data, record.dataAt);
            return data.flip();
        }

        private int readInt(long at) throws IOException {
            four.clear();
            read(four, at);
            return four.getInt(0);
        }

        void read(ByteBuffer into, long at) throws IOException {
            long position = at;
            while (into.hasRemaining()) {
                int n = channel.read(into, position);
                if (n < 0) {
                    return;
                }
                position += n;
            }
        }

        private static String describe(int op) {
            return switch (op) {
                case BagFraming.OP_CHUNK -> "chunk";
                case BagFraming.OP_INDEX_DATA -> "index data";
                case BagFraming.OP_CONNECTION -> "connection record";
                case BagFraming.OP_CHUNK_INFO -> "chunk info";
                case BagFraming.OP_BAG_HEADER -> "bag header";
                default -> "record (op " + op + ")";
            };
        }
    }
}
