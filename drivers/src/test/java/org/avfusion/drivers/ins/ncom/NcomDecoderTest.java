package org.avfusion.drivers.ins.ncom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NcomDecoder} on packets encoded here from the documented layout. */
class NcomDecoderTest {

    /** A locked packet: 1 m/s^2 forward, yaw rate 0.1 rad/s, 37.5 N 122.25 W, 10 m/s north, heading 90 deg. */
    static byte[] packet(int navStatus, int millis, int channel, int minutes) {
        ByteBuffer b = ByteBuffer.allocate(NcomDecoder.PACKET_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) NcomDecoder.SYNC);
        b.putShort(1, (short) millis);
        int24(b, 3, 10_000);
        int24(b, 6, -8_388_608);
        int24(b, 9, 98_100);
        int24(b, 18, 10_000);
        b.put(21, (byte) navStatus);
        b.putDouble(23, Math.toRadians(37.5));
        b.putDouble(31, Math.toRadians(-122.25));
        b.putFloat(39, 12.5f);
        int24(b, 43, 100_000);
        int24(b, 52, (int) Math.round(Math.PI / 2 * 1e6));
        b.put(62, (byte) channel);
        if (channel == 0) {
            b.putInt(63, minutes);
            b.put(67, (byte) 11);
            b.put(68, (byte) 0x80);
        }
        int sum = 0;
        for (int i = 1; i < 71; i++) {
            sum += b.get(i);
        }
        b.put(71, (byte) sum);
        return b.array();
    }

    private static void int24(ByteBuffer b, int at, int v) {
        b.put(at, (byte) v);
        b.put(at + 1, (byte) (v >> 8));
        b.put(at + 2, (byte) (v >> 16));
    }

    @Test
    void decodesTheNavigationFields() {
        NcomDecoder d = new NcomDecoder();
        NcomPacket p = d.decodeDatagram(packet(4, 30_250, 0, 21_000_000), 72);
        assertEquals(NcomNavStatus.LOCKED, p.navStatus());
        assertEquals(1.0, p.accelXMetersPerSec2(), 1e-9);
        assertTrue(Double.isNaN(p.accelYMetersPerSec2()), "0x800000 is invalid");
        assertEquals(9.81, p.accelZMetersPerSec2(), 1e-9);
        assertEquals(0.1, p.angularRateZRadPerSec(), 1e-9);
        assertEquals(37.5, p.latitudeDeg(), 1e-9);
        assertEquals(-122.25, p.longitudeDeg(), 1e-9);
        assertEquals(12.5, p.altitudeMeters(), 1e-6);
        assertEquals(10.0, p.velocityNorthMetersPerSec(), 1e-9);
        assertEquals(90.0, p.headingDeg(), 1e-4);
        assertEquals(21_000_000 * 60.0 + 30.25, p.gpsSeconds(), 1e-6);
        assertEquals(11, p.satellites());
        assertEquals(-1, p.positionMode(), "top bit set: invalid");
    }

    @Test
    void rawImuPacketsCarryNoNavigation() {
        NcomPacket p = new NcomDecoder().decodeDatagram(packet(1, 0, 5, 0), 72);
        assertEquals(1.0, p.accelXMetersPerSec2(), 1e-9);
        assertTrue(Double.isNaN(p.latitudeDeg()));
        assertTrue(Double.isNaN(p.gpsSeconds()));
    }

    @Test
    void cutShortCorruptAndStatusOnlyPacketsAreCounted() {
        NcomDecoder d = new NcomDecoder();
        byte[] good = packet(4, 100, 3, 0);
        assertNull(d.decodeDatagram(Arrays.copyOf(good, 40), 40));
        byte[] corrupt = good.clone();
        corrupt[30] ^= 0x10;
        assertNull(d.decodeDatagram(corrupt, 72));
        assertNull(d.decodeDatagram(packet(10, 100, 3, 0), 72));
        assertEquals(1, d.truncated());
        assertEquals(1, d.checksumErrors());
        assertEquals(1, d.statusOnly());
        assertEquals(0, d.packets());
    }

    @Test
    void streamResynchronisesAfterGarbageAndCountsAPacketCutShortAtTheEnd() {
        byte[] a = packet(4, 100, 0, 5);
        byte[] b = packet(4, 110, 3, 0);
        byte[] corrupt = packet(4, 120, 3, 0);
        corrupt[50] ^= 1;
        byte[] c = packet(4, 130, 3, 0);
        ByteBuffer stream = ByteBuffer.allocate(3 + 72 * 4 + 30);
        stream.put(new byte[] {1, 2, 3}).put(a).put(b).put(corrupt).put(c).put(Arrays.copyOf(packet(4, 140, 3, 0), 30));
        NcomDecoder d = new NcomDecoder();
        List<NcomPacket> out = new ArrayList<>();
        byte[] bytes = stream.array();
        for (int at = 0; at < bytes.length; at += 17) {
            d.feed(bytes, at, Math.min(17, bytes.length - at), out::add);
        }
        d.finish();
        assertEquals(3, out.size());
        assertEquals(List.of(100, 110, 130), out.stream().map(NcomPacket::millisInMinute).toList());
        assertEquals(5 * 60 + 0.13, out.get(2).gpsSeconds(), 1e-9, "minute from channel 0 carries over");
        assertEquals(1, d.checksumErrors());
        assertEquals(1, d.truncated());
        assertTrue(d.skippedBytes() >= 3);
    }
}
