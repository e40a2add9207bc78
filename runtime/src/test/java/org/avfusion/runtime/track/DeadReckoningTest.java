package org.avfusion.runtime.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ego's own motion between two sets from their speeds and yaw rates. */
class DeadReckoningTest {
    private static final long MS = 1_000_000L;

    @Test
    void constantAccelerationIsIntegratedExactly() {
        DeadReckoning d = new DeadReckoning();
        d.next(0, 0.0, 0.0);
        // 2 m/s^2 from rest: 0.2 m/s after 100 ms, 1 cm travelled (the previous speed alone said 0)
        EgoMotion m = d.next(100 * MS, 0.2, 0.0);
        assertEquals(0.01, m.dxMeters(), 1e-12);
        assertEquals(0.0, m.dyMeters(), 1e-12);
    }

    @Test
    void aSetWithoutEgoMotionHoldsTheLastValues() {
        DeadReckoning d = new DeadReckoning();
        assertEquals(EgoMotion.IDENTITY, d.next(0, 10.0, 0.0), "before any: standing still");
        assertEquals(1.0, d.next(100 * MS, 10.0, 0.0).dxMeters(), 1e-12);
        assertEquals(1.0, d.next(200 * MS, Double.NaN, Double.NaN).dxMeters(), 1e-12, "held at 10 m/s");
    }

    @Test
    void aConstantTurnIsAnArc() {
        DeadReckoning d = new DeadReckoning();
        d.next(0, 10.0, 0.5);
        EgoMotion m = d.next(1000 * MS, 10.0, 0.5);
        assertEquals(20 * Math.sin(0.5), m.dxMeters(), 1e-9, "radius 20 m, 0.5 rad");
        assertEquals(20 * (1 - Math.cos(0.5)), m.dyMeters(), 1e-9);
        assertEquals(0.5, m.dyawRad(), 1e-12);
    }
}
