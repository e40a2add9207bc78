package org.avfusion.drivers.lidar.velodyne;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.gnss.nmea.NmeaDecoder;
import org.avfusion.drivers.lidar.LidarRejectReason;
import org.avfusion.drivers.lidar.LidarStats;

/**
 * Reads the NMEA sentence ({@code $GPRMC} from the sensor's GPS input) out of Velodyne position packets (512-byte
 * UDP payloads, port 8308) and feeds it to an {@link NmeaDecoder}.
 *
 * <p>The sentence starts at byte 206 of the packet in the VLP-16 and HDL-32E manuals; this reader looks for the
 * first {@code '$'} from byte 198 on and reads up to CR, LF or NUL. A packet of the wrong size is counted as
 * {@link LidarRejectReason#BAD_POSITION_PACKET}; one without a sentence (no GPS receiver connected, the sensor
 * sends zeros) is counted in {@link #sentencesMissing()}; bad sentences are counted by the NMEA decoder.
 *
 * <p>Allocation: one reused character buffer; the NMEA decoder allocates the fixes it returns. Not thread-safe.
 */
public final class VelodynePositionDecoder {
    /** Size of a position packet's UDP payload. */
    public static final int PACKET_BYTES = 512;
    private static final int SEARCH_FROM = 198;

    private final LidarStats stats;
    private final NmeaDecoder nmea = new NmeaDecoder();
    private final StringBuilder sentence = new StringBuilder(128);
    private long sentencesMissing;

    public VelodynePositionDecoder(LidarStats stats) {
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    /**
     * Decodes one position packet.
     *
     * @return the fix this packet's sentence completed, or {@code null} (none yet, or the packet was rejected)
     */
    public GnssFix decode(ByteBuffer p, int offset, int length) {
        if (length != PACKET_BYTES || offset < 0 || offset + length > p.capacity()) {
            stats.reject(LidarRejectReason.BAD_POSITION_PACKET, "position packet of " + length
                    + " bytes, expected " + PACKET_BYTES);
            return null;
        }
        int start = -1;
        for (int i = SEARCH_FROM; i < PACKET_BYTES; i++) {
            if (p.get(offset + i) == '$') {
                start = i;
                break;
            }
        }
        stats.positionPacket();
        if (start < 0) {
            sentencesMissing++; // no GPS receiver attached: the sensor sends zeros
            return null;
        }
        sentence.setLength(0);
        for (int i = start; i < PACKET_BYTES; i++) {
            int c = p.get(offset + i) & 0xFF;
            if (c == '\r' || c == '\n' || c == 0) {
                break;
            }
            sentence.append((char) c);
        }
        return nmea.accept(sentence);
    }

    /** The fix of the epoch still open (end of input), or {@code null}. */
    public GnssFix flush() {
        return nmea.flush();
    }

    /** Position packets without an NMEA sentence (no GPS receiver connected to the sensor). */
    public long sentencesMissing() {
        return sentencesMissing;
    }

    /** The NMEA decoder, for its statistics. */
    public NmeaDecoder nmea() {
        return nmea;
    }
}
