package org.avfusion.drivers.pointcloud.io;

/** Why a point cloud file was rejected; the key of the per-reason counters in {@link PointCloudReadStats}. */
public enum RejectReason {
    /** The file could not be opened or read at all. */
    UNREADABLE,
    /** The file ends before the data its header (or its fixed layout) promises. */
    TRUNCATED,
    /** A header line is missing, unknown, duplicated or does not parse. */
    BAD_HEADER,
    /** Header fields disagree with each other or with the body (POINTS vs WIDTH x HEIGHT, extra lines ...). */
    SIZE_MISMATCH,
    /** The DATA line names an encoding other than ascii, binary or binary_compressed. */
    UNKNOWN_ENCODING,
    /** The LZF stream of a binary_compressed body is invalid. */
    CORRUPT_COMPRESSION,
    /** A value that does not parse or is out of range (ring 70000, a time offset beyond 2.1 s ...). */
    BAD_VALUE,
    /** A NaN or infinite coordinate, intensity or time under {@link NonFinitePolicy#REJECT_FILE}. */
    NON_FINITE,
    /** The file holds more valid points than the destination cloud can take. */
    CAPACITY
}
