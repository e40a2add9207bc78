package org.avfusion.scenarios.hil;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.pcap.PcapReader;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;

/**
 * Sends the Velodyne data packets of a capture as UDP datagrams with the capture's timing, the way the sensor sent
 * them, looped {@code loops} times. A looped pass continues the sensor's clock: each packet's time stamp
 * (bytes 1200..1203, microseconds past the hour) moves on by one capture span per pass, as the sensor would have
 * stamped them; the azimuths repeat, as a sensor with a restricted field of view sends them.
 */
public final class PcapUdpReplayer {
    private static final long HOUR_MICROS = 3_600_000_000L;
    private static final int STAMP_OFFSET = 1200;

    /** What was sent, with the monotonic times of the first and last datagram. */
    public record Sent(long datagrams, long firstSendNanos, long lastSendNanos) {
    }

    private final List<byte[]> packets = new ArrayList<>();
    private final List<Long> offsetsNanos = new ArrayList<>();
    private final long passNanos;

    /** Reads the data packets (UDP to port 2368, 1206 bytes) of {@code pcap}. */
    public PcapUdpReplayer(Path pcap) throws IOException {
        long first = Long.MIN_VALUE;
        try (PcapReader reader = PcapReader.open(pcap, new LidarStats("hil-pcap"))) {
            while (reader.next()) {
                if (reader.destinationPort() != VelodyneDecoder.DATA_PORT
                        || reader.payloadLength() != VelodyneDecoder.PACKET_BYTES) {
                    continue;
                }
                byte[] p = new byte[reader.payloadLength()];
                reader.buffer().get(reader.payloadOffset(), p);
                if (first == Long.MIN_VALUE) {
                    first = reader.timestampNanos();
                }
                packets.add(p);
                offsetsNanos.add(reader.timestampNanos() - first);
            }
        }
        if (packets.size() < 2) {
            throw new IOException(pcap + ": fewer than 2 Velodyne data packets (" + packets.size() + ")");
        }
        long span = offsetsNanos.get(offsetsNanos.size() - 1);
        passNanos = span + span / (packets.size() - 1);
    }

    public int packetsPerPass() {
        return packets.size();
    }

    /** One pass of the capture, from the first packet to one packet period after the last, ns. */
    public long passNanos() {
        return passNanos;
    }

    /** Sends {@code loops} passes to {@code target}, pacing each datagram to its capture time. */
    public Sent send(InetSocketAddress target, int loops) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(VelodyneDecoder.PACKET_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long count = 0;
        long firstSend = 0;
        long lastSend = 0;
        try (DatagramChannel channel = DatagramChannel.open()) {
            long start = System.nanoTime();
            for (int loop = 0; loop < loops; loop++) {
                long shiftMicros = loop * (passNanos / 1_000);
                for (int i = 0; i < packets.size(); i++) {
                    long due = start + loop * passNanos + offsetsNanos.get(i);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    out.clear();
                    out.put(packets.get(i));
                    long stamp = Integer.toUnsignedLong(out.getInt(STAMP_OFFSET));
                    out.putInt(STAMP_OFFSET, (int) ((stamp + shiftMicros) % HOUR_MICROS));
                    out.flip();
                    channel.send(out, target);
                    lastSend = System.nanoTime();
                    if (count++ == 0) {
                        firstSend = lastSend;
                    }
                }
            }
        }
        return new Sent(count, firstSend, lastSend);
    }
}
