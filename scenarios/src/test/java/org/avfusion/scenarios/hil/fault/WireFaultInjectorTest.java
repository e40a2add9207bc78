package org.avfusion.scenarios.hil.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.avfusion.scenarios.hil.wire.WireChannel;
import org.avfusion.scenarios.hil.wire.WireEvent;
import org.junit.jupiter.api.Test;

/** Each fault kind on a stream of 100 lidar packets, 10 ms apart (packet i carries the byte i). */
class WireFaultInjectorTest {
    private static final long SEED = 42;

    private static List<WireEvent> run(WireFault... faults) {
        WireFaultInjector injector = new WireFaultInjector(List.of(faults), SEED);
        List<WireEvent> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long t = i * 10_000_000L;
            out.addAll(injector.apply(new WireEvent(t, WireChannel.LIDAR_DATA, "lidar_top", new byte[] {(byte) i,
                0, 0, 0}, t, 0, 1)));
        }
        out.addAll(injector.flush());
        return out;
    }

    @Test
    void silentDropsTheWindowOnly() {
        List<WireEvent> out = run(new WireFault.Silent("lidar_top", 0.2, 0.5));
        assertEquals(70, out.size());
        assertTrue(out.stream().noneMatch(e -> e.contentNanos() >= 200_000_000L && e.contentNanos() < 500_000_000L));
    }

    @Test
    void faultOnAnotherSensorChangesNothing() {
        assertEquals(100, run(new WireFault.Silent("gnss", 0.0, 1.0)).size());
    }

    @Test
    void freezeRepeatsTheLastPacketBeforeTheWindow() {
        List<WireEvent> out = run(new WireFault.Freeze("lidar_top", 0.2, 0.5));
        assertEquals(100, out.size());
        for (int i = 20; i < 50; i++) {
            assertEquals(19, out.get(i).payload()[0], "packet " + i + " replays packet 19");
        }
        assertEquals(50, out.get(50).payload()[0]);
    }

    @Test
    void dropInBurstsOfFive() {
        List<WireEvent> out = run(new WireFault.Drop("lidar_top", 0.0, 1.0, 1.0, 5));
        assertEquals(0, out.size(), "rate 1 drops everything");
        List<WireEvent> some = run(new WireFault.Drop("lidar_top", 0.0, 1.0, 0.1, 5));
        assertTrue(some.size() < 100 && some.size() > 40, "kept: " + some.size());
    }

    @Test
    void duplicateAndDelayAndReorder() {
        assertEquals(200, run(new WireFault.Duplicate("lidar_top", 0.0, 1.0, 1.0)).size());
        List<WireEvent> late = run(new WireFault.Delay("lidar_top", 0.0, 1.0, 20.0, 0.0));
        assertEquals(20_000_000L, late.get(0).dueNanos());
        List<WireEvent> swapped = run(new WireFault.Reorder("lidar_top", 0.0, 1.0, 1.0));
        assertEquals(100, swapped.size());
        assertEquals(1, swapped.get(0).payload()[0], "packet 1 goes first");
        assertEquals(0, swapped.get(1).payload()[0]);
        assertTrue(swapped.get(0).dueNanos() < swapped.get(1).dueNanos());
    }

    @Test
    void corruptChangesBytesOfACopy() {
        List<WireEvent> out = run(new WireFault.Corrupt("lidar_top", 0.0, 1.0, 1.0, 4));
        long changed = 0;
        for (int i = 0; i < out.size(); i++) {
            if (!java.util.Arrays.equals(new byte[] {(byte) i, 0, 0, 0}, out.get(i).payload())) {
                changed++;
            }
        }
        assertTrue(changed > 80, "packets changed: " + changed);
    }

    @Test
    void clockStepAndSkew() {
        WireFaultInjector f = new WireFaultInjector(List.of(new WireFault.Clock("lidar_top", 2.0, null, 1000.0,
                -500.0)), SEED);
        assertEquals(0, f.clockOffsetNanos("lidar_top", 1.9));
        assertEquals(-500_000_000L, f.clockOffsetNanos("lidar_top", 2.0));
        assertEquals(-500_000_000L + 1_000_000L, f.clockOffsetNanos("lidar_top", 3.0), "1000 ppm over 1 s");
        assertArrayEquals(new double[] {0, 0}, f.gnssJumpMeters("gnss", 3.0));
    }
}
