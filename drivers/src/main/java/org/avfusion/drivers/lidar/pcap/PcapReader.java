package org.avfusion.drivers.lidar.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.avfusion.drivers.lidar.LidarRejectReason;
import org.avfusion.drivers.lidar.LidarStats;

/**
 * Reads the UDP datagrams of a classic libpcap file (not pcapng), one at a time, into a reused buffer.
 *
 * <p>Format (libpcap {@code pcap-savefile(5)}): a 24-byte file header whose magic {@code 0xA1B2C3D4}
 * (microsecond stamps) or {@code 0xA1B23C4D} (nanosecond stamps), read in either byte order, fixes the byte order
 * of every later field; then records of a 16-byte header (seconds, sub-seconds, captured length, original length)
 * and the captured bytes. A wrong magic, an unsupported link type, a record longer than {@link #MAX_RECORD_BYTES}
 * or one cut short at the end of the file are counted in the {@link LidarStats} with the file and byte offset, and
 * end the reading: {@link #next()} returns false, nothing is thrown.
 *
 * <p>The file is read {@value #WINDOW_BYTES} bytes at a time into a window (one system call per window rather than
 * two per record: a Velodyne capture's records are about 1.2 KB), and each record is copied out of it.
 *
 * <p>Ownership: {@link #buffer()} and the offsets describe the current datagram only until the next call to
 * {@link #next()}. No allocation per record. Not thread-safe.
 */
public final class PcapReader implements AutoCloseable {
    /** Largest record accepted (libpcap's own bound on a snap length). */
    public static final int MAX_RECORD_BYTES = 262_144;
    private static final int FILE_HEADER_BYTES = 24;
    private static final int RECORD_HEADER_BYTES = 16;
    /** Bytes read at a time; more than a record's header and largest body, so one window always holds a record. */
    static final int WINDOW_BYTES = 1 << 20;

    private final Path file;
    private final String origin;
    private final FileChannel channel;
    private final LidarStats stats;
    private final UdpFrameParser parser;
    private final ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES);
    private final ByteBuffer record = ByteBuffer.allocate(MAX_RECORD_BYTES);
    /** The file's bytes [windowStart, windowStart + windowBytes); direct, so the channel reads straight into it. */
    private final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW_BYTES);
    private long windowStart;
    private int windowBytes;
    private boolean nanosecond;
    private int linkType;
    private boolean ended;
    private long position;
    private long recordOffset = -1;
    private long timestampNanos;
    private long records;

    private PcapReader(Path file, FileChannel channel, LidarStats stats) {
        this.file = file;
        this.origin = file.toString();
        this.channel = channel;
        this.stats = stats;
        this.parser = new UdpFrameParser(stats);
        readFileHeader();
    }

    /**
     * Opens a capture. Bad content is counted, not thrown.
     *
     * @throws IOException when the file cannot be opened
     */
    public static PcapReader open(Path file, LidarStats stats) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(stats, "stats");
        return new PcapReader(file, FileChannel.open(file, StandardOpenOption.READ), stats);
    }

    private void readFileHeader() {
        stats.setOrigin(origin, 0);
        header.clear();
        int n = readFully(header, 0);
        if (n < 4) {
            stats.reject(LidarRejectReason.PCAP_TRUNCATED_RECORD, "file of " + Math.max(n, 0)
                    + " bytes has no pcap file header");
            ended = true;
            return;
        }
        int magicLe = header.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        ByteOrder order;
        if (magicLe == 0xA1B2C3D4 || magicLe == 0xA1B23C4D) {
            order = ByteOrder.LITTLE_ENDIAN;
            nanosecond = magicLe == 0xA1B23C4D;
        } else {
            int magicBe = header.order(ByteOrder.BIG_ENDIAN).getInt(0);
            if (magicBe == 0xA1B2C3D4 || magicBe == 0xA1B23C4D) {
                order = ByteOrder.BIG_ENDIAN;
                nanosecond = magicBe == 0xA1B23C4D;
            } else {
                stats.reject(LidarRejectReason.PCAP_BAD_MAGIC, String.format(
                        "magic 0x%08x is not a libpcap magic (0xa1b2c3d4 or 0xa1b23c4d, either byte order;"
                                + " pcapng is not supported)", magicBe));
                ended = true;
                return;
            }
        }
        if (n < FILE_HEADER_BYTES) {
            stats.reject(LidarRejectReason.PCAP_TRUNCATED_RECORD, "pcap file header cut short at " + n + " bytes");
            ended = true;
            return;
        }
        header.order(order);
        record.order(order);
        linkType = header.getInt(20) & 0x0FFFFFFF;
        if (!UdpFrameParser.supportsLinkType(linkType)) {
            stats.reject(LidarRejectReason.PCAP_UNSUPPORTED_LINK, "link type " + linkType
                    + " (supported: 1 Ethernet, 101 raw IP, 113 Linux cooked)");
            ended = true;
            return;
        }
        position = FILE_HEADER_BYTES;
    }

    /**
     * Advances to the next UDP datagram, skipping (and counting) other frames.
     *
     * @return false at the end of the file or after a fatal format error
     */
    public boolean next() {
        while (!ended) {
            recordOffset = position;
            stats.setOrigin(origin, recordOffset);
            record.clear().limit(RECORD_HEADER_BYTES);
            int n = readFully(record, position);
            if (n <= 0) {
                ended = true;
                return false;
            }
            if (n < RECORD_HEADER_BYTES) {
                stats.reject(LidarRejectReason.PCAP_TRUNCATED_RECORD, "record header cut short: " + n
                        + " of 16 bytes");
                ended = true;
                return false;
            }
            long seconds = record.getInt(0) & 0xFFFF_FFFFL;
            long fraction = record.getInt(4) & 0xFFFF_FFFFL;
            long captured = record.getInt(8) & 0xFFFF_FFFFL;
            long fractionLimit = nanosecond ? 1_000_000_000L : 1_000_000L;
            if (captured > MAX_RECORD_BYTES || fraction >= fractionLimit) {
                stats.reject(LidarRejectReason.PCAP_BAD_RECORD_LENGTH, "record header announces " + captured
                        + " bytes (at most " + MAX_RECORD_BYTES + ") and sub-second " + fraction
                        + ": the file is corrupt from here on");
                ended = true;
                return false;
            }
            record.clear().limit((int) captured);
            int got = captured == 0 ? 0 : readFully(record, position + RECORD_HEADER_BYTES);
            if (got < captured) {
                stats.reject(LidarRejectReason.PCAP_TRUNCATED_RECORD, "record of " + captured
                        + " bytes cut short at " + Math.max(got, 0) + " bytes");
                ended = true;
                return false;
            }
            position += RECORD_HEADER_BYTES + captured;
            records++;
            timestampNanos = seconds * 1_000_000_000L + (nanosecond ? fraction : fraction * 1000L);
            if (parser.parse(linkType, record, 0, (int) captured) == UdpFrameParser.UDP) {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies the file's bytes from {@code at} into {@code into} (its remaining bytes, or fewer at the end of the file)
     * and returns how many; -1 when none could be read although some were wanted. A read error is counted and ends
     * the reading, after the bytes read before it.
     */
    private int readFully(ByteBuffer into, long at) {
        int wanted = into.remaining();
        if (at < windowStart || at + wanted > windowStart + windowBytes) {
            fillWindow(at);
        }
        int from = (int) Math.min(at - windowStart, windowBytes);
        int total = Math.min(wanted, windowBytes - from);
        if (total > 0) {
            into.put(into.position(), window, from, total);
            into.position(into.position() + total);
        }
        return total == 0 && into.capacity() > 0 && into.limit() > 0 ? -1 : total;
    }

    /**
     * Reads the window from file offset {@code at}: until it is full or the file ends. A read error after some bytes
     * keeps them (the error comes back, and is counted, when a later window starts at it); one before any byte is
     * counted and ends the reading.
     */
    private void fillWindow(long at) {
        window.clear();
        windowStart = at;
        windowBytes = 0;
        try {
            while (window.hasRemaining()) {
                int n = channel.read(window, at + window.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            if (window.position() == 0) {
                stats.reject(LidarRejectReason.PCAP_TRUNCATED_RECORD, "read failed: " + e.getMessage());
                ended = true;
            }
        }
        windowBytes = window.position();
    }

    /** The buffer holding the current record (valid until the next {@link #next()}). */
    public ByteBuffer buffer() {
        return record;
    }

    /** Offset of the UDP payload in {@link #buffer()}. */
    public int payloadOffset() {
        return parser.payloadOffset();
    }

    public int payloadLength() {
        return parser.payloadLength();
    }

    public int sourcePort() {
        return parser.sourcePort();
    }

    public int destinationPort() {
        return parser.destinationPort();
    }

    /** Capture time of the current record, ns since 1970 (the capturing host's clock). */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** Byte offset of the current record's header in the file. */
    public long recordOffset() {
        return recordOffset;
    }

    /** Byte offset of the current UDP payload in the file. */
    public long payloadFileOffset() {
        return recordOffset + RECORD_HEADER_BYTES + parser.payloadOffset();
    }

    /** Records read so far (all frames, UDP or not). */
    public long records() {
        return records;
    }

    public boolean nanosecondStamps() {
        return nanosecond;
    }

    public int linkType() {
        return linkType;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            stats.reject(LidarRejectReason.PCAP_TRUNCATED_RECORD, "close failed: " + e.getMessage());
        }
    }
}
