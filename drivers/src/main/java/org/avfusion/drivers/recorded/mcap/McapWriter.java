package org.avfusion.drivers.recorded.mcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Writes an MCAP file (spec: https://mcap.dev/spec): magic, Header, then Schema, Channel and Message records in
 * chunks (compressed as configured) each followed by one Message Index per channel, Metadata and Attachment records
 * between chunks, Data End with the CRC-32 of every byte before it, a summary section grouped by opcode (schemas,
 * channels, statistics, chunk indexes, attachment indexes, metadata indexes), one Summary Offset per group, and a
 * Footer with the CRC-32 of the summary. Readers that seek (the MCAP CLI, Foxglove, {@code @mcap/core}'s indexed
 * reader) use the summary; a stream reader needs none of it.
 *
 * <p>Schemas and channels are registered before their messages and written into the current chunk (and again in
 * the summary). Message log times should not decrease; they may, and the chunk indexes then carry the true
 * minimum and maximum.
 *
 * <p>Not thread-safe: one writing thread. The caller's message bytes are copied before the call returns. Nothing
 * is durable until {@link #close()} has written the summary and footer: a writer that dies leaves a file a linear
 * reader reads up to the last complete chunk. Memory: one chunk's records, compressed once on close of the chunk.
 */
public final class McapWriter implements AutoCloseable {
    private final Path file;
    private final McapWriterConfig config;
    private final OutputStream out;
    private final CRC32 dataCrc = new CRC32();
    private final CRC32 summaryCrc = new CRC32();
    private final ByteSink record = new ByteSink(1024);
    private final ByteSink chunk;
    private final Map<Integer, McapSchema> schemas = new TreeMap<>();
    private final Map<Integer, McapChannel> channels = new TreeMap<>();
    private final Map<Integer, Long> channelCounts = new TreeMap<>();
    private final Map<Integer, long[]> chunkIndex = new LinkedHashMap<>();
    private final Map<Integer, Integer> chunkIndexSize = new LinkedHashMap<>();
    private final List<McapChunkIndex> chunkIndexes = new ArrayList<>();
    private final List<ByteSink> attachmentIndexes = new ArrayList<>();
    private final List<McapIndexEntry> metadataIndexes = new ArrayList<>();
    private boolean inSummary;
    private long position;
    private long messageCount;
    private long attachmentCount;
    private long metadataCount;
    private long startNanos = Long.MAX_VALUE;
    private long endNanos = Long.MIN_VALUE;
    private long chunkStartNanos = Long.MAX_VALUE;
    private long chunkEndNanos = Long.MIN_VALUE;
    private boolean closed;

    private McapWriter(Path file, OutputStream out, McapWriterConfig config) throws IOException {
        this.file = file;
        this.out = out;
        this.config = config;
        this.chunk = new ByteSink(Math.min(config.chunkSizeBytes() + 1024, 1 << 20));
        write(McapOpcode.MAGIC, 0, McapOpcode.MAGIC.length);
        record.clear();
        int at = record.begin(McapOpcode.HEADER);
        record.string(config.profile()).string(config.library());
        record.end(at);
        writeRecord();
    }

    /** Creates (or replaces) {@code file} and writes its magic and Header. */
    public static McapWriter create(Path file, McapWriterConfig config) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(config, "config");
        return new McapWriter(file, new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), config);
    }

    /** Writes to {@code out} (closed by {@link #close()}), e.g. a socket or an in-memory buffer. */
    public static McapWriter to(OutputStream out, McapWriterConfig config) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(config, "config");
        return new McapWriter(null, out, config);
    }

    /**
     * Registers a schema and returns its id (1, 2, ...).
     *
     * @param name     e.g. {@code sensor_msgs/msg/Imu} or {@code foxglove.PointCloud}
     * @param encoding e.g. {@code ros2msg}, {@code jsonschema}
     * @param data     the schema text; copied
     */
    public int addSchema(String name, String encoding, byte[] data) throws IOException {
        requireOpen();
        int id = schemas.size() + 1;
        if (id > 0xFFFF) {
            throw new IllegalStateException("an MCAP file holds at most 65535 schemas");
        }
        McapSchema schema = new McapSchema(id, name, encoding, data.clone());
        schemas.put(id, schema);
        record.clear();
        schemaRecord(record, schema);
        emitToData();
        return id;
    }

    /**
     * Registers a channel and returns its id (0, 1, ...).
     *
     * @param schemaId a registered schema's id, or 0 for none
     */
    public int addChannel(String topic, String messageEncoding, int schemaId, Map<String, String> metadata)
            throws IOException {
        requireOpen();
        if (schemaId != 0 && !schemas.containsKey(schemaId)) {
            throw new IllegalArgumentException("schema " + schemaId + " is not registered (topic " + topic + ")");
        }
        int id = channels.size();
        if (id > 0xFFFF) {
            throw new IllegalStateException("an MCAP file holds at most 65536 channels");
        }
        McapChannel channel = new McapChannel(id, schemaId, topic, messageEncoding, metadata);
        channels.put(id, channel);
        record.clear();
        channelRecord(record, channel);
        emitToData();
        return id;
    }

    /** Writes a message whose bytes are {@code data[offset, offset + length)}; see {@link #writeMessage(int,
     * long, long, long, ByteBuffer)}. */
    public void writeMessage(int channelId, long sequence, long logTimeNanos, long publishTimeNanos, byte[] data,
            int offset, int length) throws IOException {
        writeMessage(channelId, sequence, logTimeNanos, publishTimeNanos, ByteBuffer.wrap(data, offset, length));
    }

    /**
     * Writes one message.
     *
     * @param sequence         the publisher's or recorder's counter, 0..2^32-1
     * @param logTimeNanos     when it was recorded, nanoseconds (>= 0) since the epoch the profile implies
     * @param publishTimeNanos when it was published; the log time when unknown
     * @param data             the encoded message, {@code [position, limit)}; not modified
     */
    public void writeMessage(int channelId, long sequence, long logTimeNanos, long publishTimeNanos, ByteBuffer data)
            throws IOException {
        requireOpen();
        if (!channels.containsKey(channelId)) {
            throw new IllegalArgumentException("channel " + channelId + " is not registered");
        }
        if (logTimeNanos < 0 || publishTimeNanos < 0) {
            throw new IllegalArgumentException("log and publish times must be >= 0 ns, were " + logTimeNanos + ", "
                    + publishTimeNanos);
        }
        if (sequence < 0 || sequence > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("sequence must fit uint32, was " + sequence);
        }
        if (config.chunked()) {
            long offsetInChunk = chunk.size();
            messageRecord(chunk, channelId, sequence, logTimeNanos, publishTimeNanos, data);
            indexMessage(channelId, logTimeNanos, offsetInChunk);
            chunkStartNanos = Math.min(chunkStartNanos, logTimeNanos);
            chunkEndNanos = Math.max(chunkEndNanos, logTimeNanos);
        } else {
            record.clear();
            messageRecord(record, channelId, sequence, logTimeNanos, publishTimeNanos, data);
            writeRecord();
        }
        messageCount++;
        channelCounts.merge(channelId, 1L, Long::sum);
        startNanos = Math.min(startNanos, logTimeNanos);
        endNanos = Math.max(endNanos, logTimeNanos);
        if (config.chunked() && chunk.size() >= config.chunkSizeBytes()) {
            flushChunk();
        }
    }

    /** Writes a Metadata record (between chunks) and indexes it. */
    public void writeMetadata(String name, Map<String, String> metadata) throws IOException {
        requireOpen();
        McapMetadata m = new McapMetadata(name, metadata);
        record.clear();
        int at = record.begin(McapOpcode.METADATA);
        record.string(m.name()).stringMap(metadata);
        record.end(at);
        long offset = position;
        writeRecord();
        metadataIndexes.add(new McapIndexEntry(McapOpcode.METADATA, offset, position - offset, name));
        metadataCount++;
    }

    /** Writes an Attachment record (between chunks, with its CRC) and indexes it. */
    public void writeAttachment(long logTimeNanos, long createTimeNanos, String name, String mediaType, byte[] data)
            throws IOException {
        requireOpen();
        record.clear();
        int at = record.begin(McapOpcode.ATTACHMENT);
        record.u64(logTimeNanos).u64(createTimeNanos).string(name).string(mediaType).u64(data.length)
                .raw(data, 0, data.length);
        CRC32 crc = new CRC32();
        crc.update(record.array(), at, record.size() - at);
        record.u32(crc.getValue());
        record.end(at);
        long offset = position;
        writeRecord();
        ByteSink index = new ByteSink(64);
        int indexAt = index.begin(McapOpcode.ATTACHMENT_INDEX);
        index.u64(offset).u64(position - offset).u64(logTimeNanos).u64(createTimeNanos).u64(data.length)
                .string(name).string(mediaType);
        index.end(indexAt);
        attachmentIndexes.add(index);
        attachmentCount++;
    }

    /** Bytes written so far. */
    public long bytesWritten() {
        return position;
    }

    /** Messages written so far. */
    public long messageCount() {
        return messageCount;
    }

    /** The file written, or null when writing to a stream. */
    public Path file() {
        return file;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("MCAP writer for " + (file == null ? "a stream" : file) + " is closed");
        }
    }

    private void indexMessage(int channelId, long logTimeNanos, long offsetInChunk) {
        long[] entries = chunkIndex.get(channelId);
        int size = chunkIndexSize.getOrDefault(channelId, 0);
        if (entries == null) {
            entries = new long[32];
        } else if (size + 2 > entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        entries[size] = logTimeNanos;
        entries[size + 1] = offsetInChunk;
        chunkIndex.put(channelId, entries);
        chunkIndexSize.put(channelId, size + 2);
    }

    private static void schemaRecord(ByteSink sink, McapSchema schema) {
        int at = sink.begin(McapOpcode.SCHEMA);
        sink.u16(schema.id()).string(schema.name()).string(schema.encoding()).bytes32(schema.data());
        sink.end(at);
    }

    private static void channelRecord(ByteSink sink, McapChannel channel) {
        int at = sink.begin(McapOpcode.CHANNEL);
        sink.u16(channel.id()).u16(channel.schemaId()).string(channel.topic()).string(channel.messageEncoding())
                .stringMap(new TreeMap<>(channel.metadata()));
        sink.end(at);
    }

    private static void messageRecord(ByteSink sink, int channelId, long sequence, long logTime, long publishTime,
            ByteBuffer data) {
        int at = sink.begin(McapOpcode.MESSAGE);
        sink.u16(channelId).u32(sequence).u64(logTime).u64(publishTime).raw(data);
        sink.end(at);
    }

    /** A schema or channel record in {@link #record}: into the chunk when chunked, else straight out. */
    private void emitToData() throws IOException {
        if (config.chunked()) {
            chunk.raw(record.array(), 0, record.size());
        } else {
            writeRecord();
        }
    }

    private void flushChunk() throws IOException {
        if (chunk.size() == 0) {
            return;
        }
        boolean hasMessages = chunkStartNanos != Long.MAX_VALUE;
        long start = hasMessages ? chunkStartNanos : 0;
        long end = hasMessages ? chunkEndNanos : 0;
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 0, chunk.size());
        byte[] compressed = ChunkCodec.compress(config.compression(), chunk.array(), chunk.size());
        int compressedLength = config.compression() == McapCompression.NONE ? chunk.size() : compressed.length;
        record.clear();
        int at = record.begin(McapOpcode.CHUNK);
        record.u64(start).u64(end).u64(chunk.size()).u32(crc.getValue()).string(config.compression().specName())
                .u64(compressedLength);
        record.end(at);
        // the record's length covers the records that follow the header fields
        record.u64At(at - 8, record.size() - at + (long) compressedLength);
        long chunkOffset = position;
        writeRecord();
        write(compressed, 0, compressedLength);
        long chunkLength = position - chunkOffset;
        Map<Integer, Long> indexOffsets = new TreeMap<>();
        long indexStart = position;
        for (Map.Entry<Integer, long[]> e : new TreeMap<>(chunkIndex).entrySet()) {
            int channelId = e.getKey();
            long[] entries = e.getValue();
            int size = chunkIndexSize.get(channelId);
            record.clear();
            int indexAt = record.begin(McapOpcode.MESSAGE_INDEX);
            record.u16(channelId).u32(size * 8L);
            for (int i = 0; i < size; i++) {
                record.u64(entries[i]);
            }
            record.end(indexAt);
            indexOffsets.put(channelId, position);
            writeRecord();
        }
        chunkIndexes.add(new McapChunkIndex(start, end, chunkOffset, chunkLength, indexOffsets,
                position - indexStart, config.compression().specName(), compressedLength, chunk.size()));
        chunk.clear();
        chunkIndex.clear();
        chunkIndexSize.clear();
        chunkStartNanos = Long.MAX_VALUE;
        chunkEndNanos = Long.MIN_VALUE;
    }

    private void writeRecord() throws IOException {
        write(record.array(), 0, record.size());
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        if (inSummary) {
            summaryCrc.update(bytes, offset, length);
        } else {
            dataCrc.update(bytes, offset, length);
        }
        position += length;
    }

    /**
     * Writes the last chunk, Data End, the summary, the summary offsets, the Footer and the closing magic, and
     * closes the file. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (config.chunked()) {
                flushChunk();
            }
            record.clear();
            int at = record.begin(McapOpcode.DATA_END);
            record.u32(dataCrc.getValue());
            record.end(at);
            writeRecord();
            long summaryStart = 0;
            long summaryOffsetStart = 0;
            inSummary = true;
            if (config.summary()) {
                summaryStart = position;
                List<long[]> groups = new ArrayList<>();
                long groupStart = position;
                for (McapSchema schema : schemas.values()) {
                    record.clear();
                    schemaRecord(record, schema);
                    writeRecord();
                }
                groupEnd(groups, McapOpcode.SCHEMA, groupStart);
                groupStart = position;
                for (McapChannel channel : channels.values()) {
                    record.clear();
                    channelRecord(record, channel);
                    writeRecord();
                }
                groupEnd(groups, McapOpcode.CHANNEL, groupStart);
                groupStart = position;
                record.clear();
                at = record.begin(McapOpcode.STATISTICS);
                boolean any = messageCount > 0;
                record.u64(messageCount).u16(schemas.size()).u32(channels.size()).u32(attachmentCount)
                        .u32(metadataCount).u32(chunkIndexes.size()).u64(any ? startNanos : 0)
                        .u64(any ? endNanos : 0).u16u64Map(channelCounts);
                record.end(at);
                writeRecord();
                groupEnd(groups, McapOpcode.STATISTICS, groupStart);
                groupStart = position;
                for (McapChunkIndex index : chunkIndexes) {
                    record.clear();
                    at = record.begin(McapOpcode.CHUNK_INDEX);
                    record.u64(index.messageStartNanos()).u64(index.messageEndNanos()).u64(index.chunkStartOffset())
                            .u64(index.chunkLength()).u16u64Map(index.messageIndexOffsets())
                            .u64(index.messageIndexLength()).string(index.compression()).u64(index.compressedSize())
                            .u64(index.uncompressedSize());
                    record.end(at);
                    writeRecord();
                }
                groupEnd(groups, McapOpcode.CHUNK_INDEX, groupStart);
                groupStart = position;
                for (ByteSink index : attachmentIndexes) {
                    write(index.array(), 0, index.size());
                }
                groupEnd(groups, McapOpcode.ATTACHMENT_INDEX, groupStart);
                groupStart = position;
                for (McapIndexEntry index : metadataIndexes) {
                    record.clear();
                    at = record.begin(McapOpcode.METADATA_INDEX);
                    record.u64(index.offset()).u64(index.length()).string(index.name());
                    record.end(at);
                    writeRecord();
                }
                groupEnd(groups, McapOpcode.METADATA_INDEX, groupStart);
                summaryOffsetStart = position;
                for (long[] group : groups) {
                    record.clear();
                    at = record.begin(McapOpcode.SUMMARY_OFFSET);
                    record.u8((int) group[0]).u64(group[1]).u64(group[2]);
                    record.end(at);
                    writeRecord();
                }
            }
            record.clear();
            at = record.begin(McapOpcode.FOOTER);
            record.u64(summaryStart).u64(summaryOffsetStart);
            record.u64At(at - 8, 20);
            summaryCrc.update(record.array(), 0, record.size());
            record.u32(config.summary() ? summaryCrc.getValue() : 0);
            record.end(at);
            out.write(record.array(), 0, record.size());
            out.write(McapOpcode.MAGIC);
            position += record.size() + McapOpcode.MAGIC.length;
        } finally {
            out.close();
        }
    }

    private void groupEnd(List<long[]> groups, int opcode, long groupStart) {
        if (position > groupStart) {
            groups.add(new long[] {opcode, groupStart, position - groupStart});
        }
    }
}
