package org.avfusion.drivers.recorded.mcap;

/** The chunk compressions this library reads and writes (the spec's well-known ones). */
public enum McapCompression {
    /** Records stored as they are; the spec's empty string. */
    NONE(""),
    /** Zstandard, one frame per chunk (zstd-jni). */
    ZSTD("zstd"),
    /** LZ4 frame format (lz4-java). */
    LZ4("lz4");

    private final String specName;

    McapCompression(String specName) {
        this.specName = specName;
    }

    /** The string in a Chunk's {@code compression} field: {@code ""}, {@code zstd} or {@code lz4}. */
    public String specName() {
        return specName;
    }

    /** The compression named {@code name} in a chunk, or null when this library does not know it. */
    public static McapCompression ofSpecName(String name) {
        for (McapCompression c : values()) {
            if (c.specName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
