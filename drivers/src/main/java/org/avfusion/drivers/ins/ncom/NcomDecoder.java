package org.avfusion.drivers.ins.ncom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Decodes OxTS NCOM packets from datagrams ({@link #decodeDatagram}) or a byte stream ({@link #feed} /
 * {@link #finish}, e.g. a recorded {@code .ncom} file read in chunks).
 *
 * <p>Layout (little-endian): byte 0 sync {@code 0xE7}; 1-2 ms into the GPS minute (uint16); 3-11 accelerations x,y,z
 * (int24, 1e-4 m/s^2); 12-20 angular rates (int24, 1e-5 rad/s); 21 navigation status; 22 checksum 1; 23-30 and
 * 31-38 latitude and longitude (float64, radians); 39-42 altitude (float32, m); 43-51 velocities north, east, down
 * (int24, 1e-4 m/s); 52-60 heading, pitch, roll (int24, 1e-6 rad); 61 checksum 2; 62 status channel; 63-70 status
 * bytes; 71 checksum 3 = the sum of bytes 1-70 modulo 256. An int24 of {@code 0x800000} means invalid. Status channel
 * 0 carries the GPS minute count (int32, bytes 63-66), the satellite count (67) and the position mode (68), each
 * invalid with its top bit set. Only checksum 3 (the whole packet) is checked, as OxTS's own decoder does.
 *
 * <p>Bad input is counted, never thrown: a datagram shorter than 72 bytes or a stream ending inside a packet
 * ({@link #truncated()}), a checksum mismatch ({@link #checksumErrors()}, the stream then resynchronises on the next
 * sync byte whose packet checks; false candidates on the way count as skipped bytes), bytes skipped looking for sync ({@link #skippedBytes()}), packets without inertial data
 * ({@link #statusOnly()}).
 *
 * <p>Not thread-safe (counters, the minute count and the stream buffer); one per source. Allocates one record per
 * packet.
 */
public final class NcomDecoder {
    /** Packet length, bytes. */
    public static final int PACKET_BYTES = 72;
    /** Sync byte. */
    public static final int SYNC = 0xE7;
    private static final int INVALID_INT24 = -8388608;
    private static final double ACCEL = 1e-4;
    private static final double RATE = 1e-5;
    private static final double VELOCITY = 1e-4;
    private static final double ANGLE = 1e-6;

    private final byte[] pending = new byte[PACKET_BYTES];
    private int pendingLength;
    /** False while resynchronising after a bad packet: candidates failing there are skipped bytes, not errors. */
    private boolean synced = true;
    private int gpsMinutes = -1;
    private int lastMillis = -1;
    private long packets;
    private long truncated;
    private long checksumErrors;
    private long skippedBytes;
    private long statusOnly;

    /** Decodes one datagram holding one packet; null (and counted) when it is short, corrupt or carries no data. */
    public NcomPacket decodeDatagram(byte[] data, int length) {
        if (length < PACKET_BYTES) {
            truncated++;
            return null;
        }
        if ((data[0] & 0xff) != SYNC) {
            skippedBytes += length;
            return null;
        }
        return decode(data, 0);
    }

    /** Feeds stream bytes; every complete valid packet goes to {@code out}. */
    public void feed(byte[] data, int offset, int length, Consumer<NcomPacket> out) {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (pendingLength == 0) {
                if ((data[at] & 0xff) != SYNC) {
                    skippedBytes++;
                    at++;
                    continue;
                }
            }
            int take = Math.min(PACKET_BYTES - pendingLength, end - at);
            System.arraycopy(data, at, pending, pendingLength, take);
            pendingLength += take;
            at += take;
            if (pendingLength < PACKET_BYTES) {
                return;
            }
            if (checksumOk(pending, 0)) {
                pendingLength = 0;
                synced = true;
                NcomPacket p = decodeChecked(pending, 0);
                if (p != null) {
                    out.accept(p);
                }
            } else {
                if (synced) {
                    checksumErrors++;
                    synced = false;
                }
                // resynchronise: drop the sync byte, rescan the rest of the buffered bytes
                int keep = pendingLength - 1;
                byte[] rest = new byte[keep];
                System.arraycopy(pending, 1, rest, 0, keep);
                skippedBytes++;
                pendingLength = 0;
                feed(rest, 0, keep, out);
            }
        }
    }

    /** Ends the stream: a packet begun but not completed is counted as truncated. */
    public void finish() {
        if (pendingLength > 0) {
            truncated++;
            pendingLength = 0;
        }
    }

    private NcomPacket decode(byte[] b, int o) {
        if (!checksumOk(b, o)) {
            checksumErrors++;
            return null;
        }
        return decodeChecked(b, o);
    }

    private NcomPacket decodeChecked(byte[] b, int o) {
        ByteBuffer le = ByteBuffer.wrap(b, o, PACKET_BYTES).slice().order(ByteOrder.LITTLE_ENDIAN);
        NcomNavStatus status = NcomNavStatus.of(b[o + 21] & 0xff);
        int channel = b[o + 62] & 0xff;
        int satellites = -1;
        int positionMode = -1;
        if (channel == 0 && status.hasNavigation()) {
            gpsMinutes = le.getInt(63);
            satellites = (b[o + 67] & 0x80) != 0 ? -1 : b[o + 67];
            positionMode = (b[o + 68] & 0x80) != 0 ? -1 : b[o + 68];
        }
        if (!status.hasInertial()) {
            statusOnly++;
            return null;
        }
        packets++;
        int millis = le.getShort(1) & 0xffff;
        if (status != NcomNavStatus.TRIGGER && status != NcomNavStatus.RAW_IMU && gpsMinutes >= 0) {
            if (millis < 2000 && lastMillis > 58000 && channel != 0) {
                gpsMinutes++;
            }
            lastMillis = millis;
        }
        double gpsSeconds = gpsMinutes >= 0 && millis < 60000 ? gpsMinutes * 60.0 + millis * 1e-3 : Double.NaN;
        double lat = Double.NaN;
        double lon = Double.NaN;
        double alt = Double.NaN;
        double vn = Double.NaN;
        double ve = Double.NaN;
        double vd = Double.NaN;
        double heading = Double.NaN;
        double pitch = Double.NaN;
        double roll = Double.NaN;
        if (status.hasNavigation()) {
            lat = Math.toDegrees(le.getDouble(23));
            lon = Math.toDegrees(le.getDouble(31));
            alt = le.getFloat(39);
            vn = int24(le, 43, VELOCITY);
            ve = int24(le, 46, VELOCITY);
            vd = int24(le, 49, VELOCITY);
            heading = Math.toDegrees(int24(le, 52, ANGLE));
            if (heading < 0) {
                heading += 360;
            }
            pitch = Math.toDegrees(int24(le, 55, ANGLE));
            roll = Math.toDegrees(int24(le, 58, ANGLE));
        }
        return new NcomPacket(status, millis, gpsSeconds, int24(le, 3, ACCEL), int24(le, 6, ACCEL), int24(le, 9, ACCEL),
                int24(le, 12, RATE), int24(le, 15, RATE), int24(le, 18, RATE), lat, lon, alt, vn, ve, vd, heading,
                pitch, roll, channel, satellites, positionMode);
    }

    private static double int24(ByteBuffer le, int at, double scale) {
        int raw = (le.get(at) & 0xff) | (le.get(at + 1) & 0xff) << 8 | le.get(at + 2) << 16;
        return raw == INVALID_INT24 ? Double.NaN : raw * scale;
    }

    /** Checksum 3: bytes 1-70 summed modulo 256 equal byte 71. */
    static boolean checksumOk(byte[] b, int o) {
        int sum = 0;
        for (int i = 1; i < PACKET_BYTES - 1; i++) {
            sum += b[o + i];
        }
        return (sum & 0xff) == (b[o + PACKET_BYTES - 1] & 0xff);
    }

    /** Packets decoded (with inertial data). */
    public long packets() {
        return packets;
    }

    public long truncated() {
        return truncated;
    }

    public long checksumErrors() {
        return checksumErrors;
    }

    public long skippedBytes() {
        return skippedBytes;
    }

    /** Valid packets without inertial data (invalid, expired, status-only, reserved status). */
    public long statusOnly() {
        return statusOnly;
    }
}
