package org.avfusion.drivers.recorded.mcap;

import java.util.Objects;

/**
 * An Attachment Index or Metadata Index record: where a named record is.
 *
 * @param opcode  {@link McapOpcode#ATTACHMENT} or {@link McapOpcode#METADATA}: what the entry points at
 * @param offset  byte offset of the record from the start of the file
 * @param length  byte length of the record, opcode and length included
 * @param name    the attachment's or metadata record's name
 */
public record McapIndexEntry(int opcode, long offset, long length, String name) {
    public McapIndexEntry {
        if (opcode != McapOpcode.ATTACHMENT && opcode != McapOpcode.METADATA) {
            throw new IllegalArgumentException("index entries point at attachments or metadata, not opcode "
                    + opcode);
        }
        Objects.requireNonNull(name, "name");
    }
}
