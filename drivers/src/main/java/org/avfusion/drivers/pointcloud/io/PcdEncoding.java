package org.avfusion.drivers.pointcloud.io;

/** The body encodings of a PCD v0.7 file, named by the keyword of its {@code DATA} line. */
public enum PcdEncoding {
    /** One point a line, values separated by spaces. */
    ASCII("ascii"),
    /** Points packed row by row, little-endian, {@code SIZE x COUNT} bytes per field, no padding. */
    BINARY("binary"),
    /**
     * Two little-endian uint32 (compressed size, uncompressed size), then an {@link Lzf} stream of the fields
     * stored column by column (all x, then all y ...); fields named {@code _} (padding) are not stored.
     */
    BINARY_COMPRESSED("binary_compressed");

    private final String keyword;

    PcdEncoding(String keyword) {
        this.keyword = keyword;
    }

    /** The word on the DATA line. */
    public String keyword() {
        return keyword;
    }

    /** The encoding for a DATA keyword (exact, lower case), or null. */
    public static PcdEncoding ofKeyword(String word) {
        for (PcdEncoding e : values()) {
            if (e.keyword.equals(word)) {
                return e;
            }
        }
        return null;
    }
}
