package org.avfusion.drivers.lidar.pcap;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.avfusion.drivers.lidar.LidarRejectReason;
import org.avfusion.drivers.lidar.LidarStats;

/**
 * Finds the UDP payload inside one captured link-layer frame: Ethernet II (with optional 802.1Q VLAN tags),
 * raw IPv4 or Linux cooked capture, then IPv4 and UDP headers. Checked: IP version and header length (an IP
 * total length beyond the captured bytes is clipped to them, see below), fragments (more-fragments flag or a fragment offset: rejected, never reassembled,
 * since lidar packets are sent whole), the UDP length within the IP packet. Non-IPv4 and non-UDP frames are
 * ignored (counted as such, not as errors).
 *
 * <p>After {@link #parse} returns {@link #UDP}, {@link #payloadOffset()}, {@link #payloadLength()},
 * {@link #sourcePort()} and {@link #destinationPort()} describe the datagram. No allocation; not thread-safe.
 */
public final class UdpFrameParser {
    /** libpcap link types handled. */
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LINUX_SLL = 113;

    /** {@link #parse} outcome: a UDP datagram was found. */
    public static final int UDP = 0;
    /** {@link #parse} outcome: not IPv4/UDP, ignored. */
    public static final int IGNORED = 1;
    /** {@link #parse} outcome: malformed or fragmented, rejected and counted. */
    public static final int REJECTED = 2;

    private final LidarStats stats;
    private int payloadOffset;
    private int payloadLength;
    private int sourcePort;
    private int destinationPort;

    public UdpFrameParser(LidarStats stats) {
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    /** True for the link types {@link #parse} understands. */
    public static boolean supportsLinkType(int linkType) {
        return linkType == LINKTYPE_ETHERNET || linkType == LINKTYPE_RAW || linkType == LINKTYPE_LINUX_SLL;
    }

    /** Parses the frame in {@code [offset, offset + length)} of {@code frame}. */
    public int parse(int linkType, ByteBuffer frame, int offset, int length) {
        int end = offset + length;
        int ip;
        int etherType;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (length < 14) {
                    return ignored();
                }
                int at = offset + 12;
                etherType = u16be(frame, at);
                while ((etherType == 0x8100 || etherType == 0x88A8) && at + 6 <= end) {
                    at += 4;
                    etherType = u16be(frame, at);
                }
                ip = at + 2;
            }
            case LINKTYPE_LINUX_SLL -> {
                if (length < 16) {
                    return ignored();
                }
                etherType = u16be(frame, offset + 14);
                ip = offset + 16;
            }
            case LINKTYPE_RAW -> {
                etherType = 0x0800;
                ip = offset;
            }
            default -> {
                return ignored();
            }
        }
        if (etherType != 0x0800) {
            return ignored();
        }
        if (ip + 20 > end) {
            stats.reject(LidarRejectReason.BAD_IPV4_HEADER, "IPv4 header cut short: " + (end - ip) + " bytes");
            return REJECTED;
        }
        int versionIhl = frame.get(ip) & 0xFF;
        int headerBytes = (versionIhl & 0x0F) * 4;
        if (versionIhl >> 4 != 4 || headerBytes < 20) {
            stats.reject(LidarRejectReason.BAD_IPV4_HEADER, "IPv4 version/header length byte 0x"
                    + Integer.toHexString(versionIhl));
            return REJECTED;
        }
        int totalLength = u16be(frame, ip + 2);
        if (ip + totalLength > end) {
            // A capture cut at its snap length, or a sender that writes a wrong total length (HDL-32E position
            // packets say 1234 for 540 bytes): the UDP length below decides whether the datagram is whole.
            totalLength = end - ip;
        }
        if (totalLength < headerBytes) {
            stats.reject(LidarRejectReason.BAD_IPV4_HEADER, "IPv4 total length " + totalLength + " with header "
                    + headerBytes + " and " + (end - ip) + " bytes captured");
            return REJECTED;
        }
        int flagsFragment = u16be(frame, ip + 6);
        if ((flagsFragment & 0x2000) != 0 || (flagsFragment & 0x1FFF) != 0) {
            stats.reject(LidarRejectReason.IPV4_FRAGMENT, "IPv4 fragment (flags/offset 0x"
                    + Integer.toHexString(flagsFragment) + "): fragments are not reassembled");
            return REJECTED;
        }
        if ((frame.get(ip + 9) & 0xFF) != 17) {
            return ignored();
        }
        int udp = ip + headerBytes;
        int ipEnd = ip + totalLength;
        if (udp + 8 > ipEnd) {
            stats.reject(LidarRejectReason.BAD_UDP_LENGTH, "UDP header cut short in a " + totalLength
                    + "-byte IPv4 packet");
            return REJECTED;
        }
        int udpLength = u16be(frame, udp + 4);
        if (udpLength < 8 || udp + udpLength > ipEnd) {
            stats.reject(LidarRejectReason.BAD_UDP_LENGTH, "UDP length " + udpLength + " with "
                    + (ipEnd - udp) + " bytes of IPv4 payload");
            return REJECTED;
        }
        sourcePort = u16be(frame, udp);
        destinationPort = u16be(frame, udp + 2);
        payloadOffset = udp + 8;
        payloadLength = udpLength - 8;
        return UDP;
    }

    private int ignored() {
        stats.frameIgnored();
        return IGNORED;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public int sourcePort() {
        return sourcePort;
    }

    public int destinationPort() {
        return destinationPort;
    }

    private static int u16be(ByteBuffer b, int at) {
        return (b.get(at) & 0xFF) << 8 | (b.get(at + 1) & 0xFF);
    }
}
