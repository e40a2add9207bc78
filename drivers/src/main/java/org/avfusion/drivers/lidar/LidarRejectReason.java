package org.avfusion.drivers.lidar;

/** Why a lidar driver rejected input; each has its own counter in {@link LidarHealth}. */
public enum LidarRejectReason {
    /** The pcap file does not start with a libpcap magic number. */
    PCAP_BAD_MAGIC,
    /** The pcap file's link type is neither Ethernet, raw IP nor Linux cooked capture. */
    PCAP_UNSUPPORTED_LINK,
    /** A pcap record (or the file header) ends before the length it announces. */
    PCAP_TRUNCATED_RECORD,
    /** A pcap record announces an impossible length (larger than the snap length bound). */
    PCAP_BAD_RECORD_LENGTH,
    /** An IPv4 fragment: lidar packets are never fragmented, reassembly is not attempted. */
    IPV4_FRAGMENT,
    /** An IPv4 header with a wrong version, header length or total length. */
    BAD_IPV4_HEADER,
    /** A UDP header whose length disagrees with the IP packet. */
    BAD_UDP_LENGTH,
    /** A data packet of the wrong size for the model. */
    WRONG_SIZE,
    /** A Velodyne factory byte this driver does not know. */
    UNKNOWN_PRODUCT,
    /** A Velodyne factory byte that differs from the model in use. */
    PRODUCT_MISMATCH,
    /** A Velodyne return-mode byte other than strongest (0x37), last (0x38) or dual (0x39). */
    BAD_RETURN_MODE,
    /** A Velodyne data block without its 0xFFEE flag. */
    BAD_BLOCK_FLAG,
    /** An azimuth outside [0, 360) degrees or a measurement id outside the frame. */
    BAD_AZIMUTH,
    /** A timestamp outside its range (Velodyne: at or past one hour). */
    BAD_TIMESTAMP,
    /** An Ouster column whose status word marks it invalid (the column is skipped, not the packet). */
    BAD_COLUMN,
    /** A Velodyne position packet of the wrong size or without a readable NMEA sentence. */
    BAD_POSITION_PACKET,
    /** A scan reached its cloud's capacity; further points of that scan were dropped. */
    SCAN_OVERFLOW,
    /** The point-cloud pool was exhausted; the whole scan was dropped. */
    NO_BUFFER
}
