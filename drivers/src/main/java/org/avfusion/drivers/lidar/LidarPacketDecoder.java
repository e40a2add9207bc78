package org.avfusion.drivers.lidar;

import java.nio.ByteBuffer;

/**
 * Decodes one lidar data packet (a UDP payload) into points.
 *
 * <p>Contract: a packet is validated as a whole before any point is emitted, so a rejected packet emits nothing;
 * bad input never throws: it is counted in the decoder's {@link LidarStats} with a message naming the field and
 * the input's origin (see {@link LidarStats#setOrigin(String, long)}). Decoding does not allocate: it reads the
 * bytes in place (absolute gets; the buffer's position, limit and byte order are left untouched) and writes the
 * points into the consumer.
 *
 * <p>Threading: not thread-safe; one decoder per stream.
 */
public interface LidarPacketDecoder {
    /** Returned by {@link #decode} for a rejected packet. */
    int REJECTED = -1;

    /**
     * @param packet the bytes; the packet lies in {@code [offset, offset + length)}
     * @return the number of points emitted (0 is possible: every beam without a return), or {@link #REJECTED}
     */
    int decode(ByteBuffer packet, int offset, int length, LidarPointConsumer out);

    /** The sensor model this decoder decodes; for an auto-detecting decoder {@code null} until the first packet. */
    LidarModel model();

    /** The counters this decoder reports into. */
    LidarStats stats();

    /** Points one full revolution can hold at most (sizes the pooled clouds). */
    int maxPointsPerRevolution();

    /**
     * The packet's own time stamp in nanoseconds on the sensor's clock (a repeating axis, e.g. past the hour, is
     * fine: only order between neighbours is used), read without validating the packet; or {@link #NO_STAMP} when
     * the format has none or the packet is too short. Used to notice a frozen stream.
     */
    default long packetStampNanos(ByteBuffer packet, int offset, int length) {
        return NO_STAMP;
    }

    /** Returned by {@link #packetStampNanos} when a packet has no readable stamp. */
    long NO_STAMP = Long.MIN_VALUE;
}
