package org.avfusion.drivers.recorded.mcap;

/** Parses the fields of each record type from a cursor positioned after the record's opcode and length. */
final class RecordParser {
    private RecordParser() {
    }

    static McapHeader header(RecordCursor c) throws McapFormatException {
        return new McapHeader(c.string("profile"), c.string("library"));
    }

    static McapSchema schema(RecordCursor c) throws McapFormatException {
        int id = c.u16("id");
        String name = c.string("name");
        String encoding = c.string("encoding");
        byte[] data = c.bytes32("data");
        if (id == 0) {
            return null;
        }
        return new McapSchema(id, name, encoding, data);
    }

    static McapChannel channel(RecordCursor c) throws McapFormatException {
        int id = c.u16("id");
        int schemaId = c.u16("schema_id");
        String topic = c.string("topic");
        String encoding = c.string("message_encoding");
        return new McapChannel(id, schemaId, topic, encoding, c.stringMap("metadata"));
    }

    static McapStatistics statistics(RecordCursor c) throws McapFormatException {
        long messages = c.u64("message_count");
        int schemas = c.u16("schema_count");
        long channels = c.u32("channel_count");
        long attachments = c.u32("attachment_count");
        long metadata = c.u32("metadata_count");
        long chunks = c.u32("chunk_count");
        long start = c.timestamp("message_start_time");
        long end = c.timestamp("message_end_time");
        return new McapStatistics(messages, schemas, channels, attachments, metadata, chunks, start, end,
                c.u16u64Map("channel_message_counts"));
    }

    static McapChunkIndex chunkIndex(RecordCursor c) throws McapFormatException {
        long start = c.timestamp("message_start_time");
        long end = c.timestamp("message_end_time");
        long offset = c.u64("chunk_start_offset");
        long length = c.u64("chunk_length");
        var offsets = c.u16u64Map("message_index_offsets");
        long indexLength = c.u64("message_index_length");
        String compression = c.string("compression");
        long compressed = c.u64("compressed_size");
        long uncompressed = c.u64("uncompressed_size");
        return new McapChunkIndex(start, end, offset, length, offsets, indexLength, compression, compressed,
                uncompressed);
    }

    static McapIndexEntry attachmentIndex(RecordCursor c) throws McapFormatException {
        long offset = c.u64("offset");
        long length = c.u64("length");
        c.timestamp("log_time");
        c.timestamp("create_time");
        c.u64("data_size");
        String name = c.string("name");
        c.string("media_type");
        return new McapIndexEntry(McapOpcode.ATTACHMENT, offset, length, name);
    }

    static McapIndexEntry metadataIndex(RecordCursor c) throws McapFormatException {
        long offset = c.u64("offset");
        long length = c.u64("length");
        return new McapIndexEntry(McapOpcode.METADATA, offset, length, c.string("name"));
    }

    static McapMetadata metadata(RecordCursor c) throws McapFormatException {
        return new McapMetadata(c.string("name"), c.stringMap("metadata"));
    }
}
