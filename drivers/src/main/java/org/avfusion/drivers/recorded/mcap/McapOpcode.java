package org.avfusion.drivers.recorded.mcap;

/** Record opcodes and the magic of MCAP major version 0 (spec section "Records"). */
public final class McapOpcode {
    public static final int HEADER = 0x01;
    public static final int FOOTER = 0x02;
    public static final int SCHEMA = 0x03;
    public static final int CHANNEL = 0x04;
    public static final int MESSAGE = 0x05;
    public static final int CHUNK = 0x06;
    public static final int MESSAGE_INDEX = 0x07;
    public static final int CHUNK_INDEX = 0x08;
    public static final int ATTACHMENT = 0x09;
    public static final int ATTACHMENT_INDEX = 0x0A;
    public static final int STATISTICS = 0x0B;
    public static final int METADATA = 0x0C;
    public static final int METADATA_INDEX = 0x0D;
    public static final int SUMMARY_OFFSET = 0x0E;
    public static final int DATA_END = 0x0F;

    /** {@code 0x89 M C A P 0x30 \r \n}: begins and ends every file. */
    static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};
    /** Opcode and uint64 content length in front of every record. */
    static final int RECORD_PREFIX_BYTES = 9;
    /** Footer record, prefix included: summary_start, summary_offset_start, summary_crc. */
    static final int FOOTER_RECORD_BYTES = RECORD_PREFIX_BYTES + 8 + 8 + 4;

    private McapOpcode() {
    }

    /** The record's name in the spec, e.g. {@code Chunk}, or {@code 0x81} for a private or future record. */
    public static String name(int opcode) {
        return switch (opcode) {
            case HEADER -> "Header";
            case FOOTER -> "Footer";
            case SCHEMA -> "Schema";
            case CHANNEL -> "Channel";
            case MESSAGE -> "Message";
            case CHUNK -> "Chunk";
            case MESSAGE_INDEX -> "MessageIndex";
            case CHUNK_INDEX -> "ChunkIndex";
            case ATTACHMENT -> "Attachment";
            case ATTACHMENT_INDEX -> "AttachmentIndex";
            case STATISTICS -> "Statistics";
            case METADATA -> "Metadata";
            case METADATA_INDEX -> "MetadataIndex";
            case SUMMARY_OFFSET -> "SummaryOffset";
            case DATA_END -> "DataEnd";
            default -> String.format("0x%02X", opcode);
        };
    }
}
