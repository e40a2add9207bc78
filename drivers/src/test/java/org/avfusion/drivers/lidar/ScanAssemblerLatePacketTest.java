package org.avfusion.drivers.lidar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.junit.jupiter.api.Test;

/**
 * {@link ScanAssembler} with packets the network reordered or delayed (the HIL rig's reorder and delay-jitter
 * faults): one scan per revolution still, every point of a late packet kept in its scan; and a restricted field of
 * view, whose jump back to the window's start moves time forward, still cuts once per revolution.
 */
class ScanAssemblerLatePacketTest {
    private static final SensorId LIDAR = new SensorId("lidar_top", SensorKind.LIDAR);
    /** 10 Hz: 3600 deg/s; packets of 10 points 2 deg apart in rotor angle (HDL-32E-like), 180 per revolution. */
    private static final int POINTS_PER_PACKET = 10;
    private static final double DEG_PER_PACKET = 2.0;
    private static final long NANOS_PER_DEG = 100_000_000L / 360;

    /** A packet: its points' rotor angles and sensor times. */
    private record Packet(double startDeg, long startNanos) {
    }

    private static List<Packet> revolutions(int revolutions, double fromDeg, double windowDeg) {
        List<Packet> out = new ArrayList<>();
        for (int r = 0; r < revolutions; r++) {
            for (double a = 0; a < windowDeg; a += DEG_PER_PACKET) {
                double deg = fromDeg + a;
                long t = Math.round((r * 360 + a) * NANOS_PER_DEG);
                out.add(new Packet(deg % 360, t));
            }
        }
        return out;
    }

    private record Result(List<Integer> scanSizes, long latePointsDropped) {
    }

    private static Result assemble(List<Packet> packets, double cutDeg) {
        List<Integer> sizes = new ArrayList<>();
        ScanAssembler a = new ScanAssembler(ScanAssemblerConfig.of(LIDAR, cutDeg, 100_000), (h, payload) -> {
            PointCloud c = (PointCloud) payload;
            sizes.add(c.size());
            c.release();
            return true;
        }, new LidarStats("test"));
        long arrival = 0;
        for (Packet p : packets) {
            a.beginPacket(arrival += 555_000);
            for (int i = 0; i < POINTS_PER_PACKET; i++) {
                float rot = (float) ((p.startDeg() + i * DEG_PER_PACKET / POINTS_PER_PACKET) % 360);
                long t = p.startNanos() + Math.round(i * DEG_PER_PACKET / POINTS_PER_PACKET * NANOS_PER_DEG);
                a.accept(t, 1, 0, 0, 1, rot, 0, 0, i, rot);
            }
            a.endPacket();
        }
        a.flush();
        return new Result(sizes, a.latePointsDropped());
    }

    @Test
    void reorderedAndDelayedPacketsStayInTheirRevolution() {
        List<Packet> inOrder = revolutions(5, 0, 360);
        // | case                             | scans | points in the 3 middle scans    |
        // | in order                         | 6     | 1800 each                       |
        // | 20 % swapped with the next one   | 6     | 1800 each (swaps inside a scan) |
        // | up to 8 packets (16 deg, ~4 ms) late | 6 | 1800 each but at the cut        |
        Result plain = assemble(inOrder, 150);
        assertEquals(6, plain.scanSizes().size(), "5 revolutions cut at 150 deg: a first part, 4 whole, a last part");
        assertEquals(1800, plain.scanSizes().get(2));

        List<Packet> swapped = new ArrayList<>(inOrder);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i + 1 < swapped.size(); i++) {
            if (random.nextDouble() < 0.2) {
                Collections.swap(swapped, i, i + 1);
                i++;
            }
        }
        Result s = assemble(swapped, 150);
        assertEquals(6, s.scanSizes().size(), "one scan per revolution with 20 % of the packets swapped: "
                + s.scanSizes());
        int kept = s.scanSizes().stream().mapToInt(Integer::intValue).sum();
        assertEquals(5 * 1800, kept + s.latePointsDropped(), "every point kept or counted");
        assertTrue(s.latePointsDropped() <= 5 * POINTS_PER_PACKET, "only a packet swapped across one of the 5 cuts is dropped: "
                + s.latePointsDropped());

        // each packet delayed by 0..8 packet periods (jitter): sent in order of arrival
        List<long[]> arrivals = new ArrayList<>();
        for (int i = 0; i < inOrder.size(); i++) {
            arrivals.add(new long[] {i + random.nextInt(9), i});
        }
        arrivals.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        List<Packet> jittered = arrivals.stream().map(x -> inOrder.get((int) x[1])).toList();
        Result j = assemble(jittered, 150);
        assertEquals(6, j.scanSizes().size(), "one scan per revolution with jitter: " + j.scanSizes());
        assertEquals(5 * 1800, j.scanSizes().stream().mapToInt(Integer::intValue).sum() + j.latePointsDropped());
    }

    @Test
    void aRestrictedFieldOfViewStillCutsOncePerRevolution() {
        // a 90 deg window (300..30 deg through 0): the rotor jumps from 30 back to 300 with time moving on
        Result r = assemble(revolutions(4, 300, 90), 0);
        assertEquals(5, r.scanSizes().size(), "cut at 0 deg inside the window: " + r.scanSizes());
        assertEquals(0, r.latePointsDropped());
        // a window not containing the cut (10..100 deg, cut at 200): the jump from 100 back to 10 crosses it
        Result w = assemble(revolutions(4, 10, 90), 200);
        assertEquals(4, w.scanSizes().size(), w.scanSizes().toString());
        assertEquals(450, w.scanSizes().get(1));
    }
}
