package org.avfusion.scenarios.hil.fault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.avfusion.scenarios.hil.wire.WireEvent;

/**
 * Applies a scenario's {@link WireFault}s to the packets of a rig, one at a time, in the order they were made.
 * Clock faults and GNSS jumps change what a packet says, so encoders ask {@link #clockOffsetNanos} and
 * {@link #gnssJumpMeters} before writing; every other kind acts on the packet: per packet, in this order, silence
 * (dropped), freeze (replaced by the last packet before the window), drop (rate and bursts), corruption (random
 * bytes overwritten in a copy), duplication, delay and jitter (its due time moves), reordering (swapped with the
 * next packet of its sensor). A packet is in a fault's window when its content time is.
 *
 * <p>Deterministic: each fault draws from its own generator split from the seed. Plain Java, no I/O, not
 * thread-safe (one rig thread).
 */
public final class WireFaultInjector {
    private static final long DUPLICATE_GAP_NANOS = 50_000;

    private final List<WireFault> faults;
    private final Map<WireFault, SplittableRandom> random = new IdentityHashMap<>();
    private final Map<WireFault, Integer> burstLeft = new IdentityHashMap<>();
    private final Map<WireFault, Long> firstAffectedNanos = new IdentityHashMap<>();
    private final Map<WireFault, Long> affected = new IdentityHashMap<>();
    private final Map<String, byte[]> lastPayload = new HashMap<>();
    private final Map<WireFault, byte[]> frozenPayload = new IdentityHashMap<>();
    private final Map<String, WireEvent> held = new HashMap<>();

    public WireFaultInjector(List<WireFault> faults, long seed) {
        this.faults = List.copyOf(faults);
        SplittableRandom root = new SplittableRandom(seed ^ 0x5EED_F417L);
        for (WireFault f : this.faults) {
            random.put(f, root.split());
            burstLeft.put(f, 0);
            affected.put(f, 0L);
        }
    }

    /** How far a clock fault sets the sensor's own clock off at scenario time {@code seconds}, ns. */
    public long clockOffsetNanos(String sensor, double seconds) {
        long sum = 0;
        for (WireFault f : faults) {
            if (f instanceof WireFault.Clock c && c.sensor().equals(sensor)) {
                sum += c.offsetNanosAt(seconds);
            }
        }
        return sum;
    }

    /** The GNSS position jump at scenario time {@code seconds}: {east, north} metres. */
    public double[] gnssJumpMeters(String sensor, double seconds) {
        double[] en = new double[2];
        for (WireFault f : faults) {
            if (f instanceof WireFault.GnssJump j && j.sensor().equals(sensor) && j.activeAt(seconds)) {
                en[0] += j.eastMeters();
                en[1] += j.northMeters();
                note(f, Math.round(seconds * 1e9));
            }
        }
        return en;
    }

    /** The packets to send for {@code e}: none (dropped, held), one, or more (duplicated, a held one released). */
    public List<WireEvent> apply(WireEvent e) {
        Objects.requireNonNull(e, "e");
        List<WireEvent> out = new ArrayList<>(2);
        double t = e.contentNanos() / 1e9;
        WireEvent cur = e;
        boolean frozen = false;
        for (WireFault f : faults) {
            if (!f.sensor().equals(e.sensor()) || !f.activeAt(t)) {
                continue;
            }
            SplittableRandom rng = random.get(f);
            if (f instanceof WireFault.Silent) {
                note(f, e.dueNanos());
                return out;
            } else if (f instanceof WireFault.Freeze) {
                byte[] still = frozenPayload.computeIfAbsent(f, k -> lastPayload.getOrDefault(key(e), e.payload()));
                cur = cur.withPayload(still);
                frozen = true;
                note(f, e.dueNanos());
            } else if (f instanceof WireFault.Drop d) {
                int left = burstLeft.get(f);
                if (left > 0) {
                    burstLeft.put(f, left - 1);
                    note(f, e.dueNanos());
                    return out;
                }
                if (rng.nextDouble() < d.rate()) {
                    burstLeft.put(f, d.burstPackets() - 1);
                    note(f, e.dueNanos());
                    return out;
                }
            } else if (f instanceof WireFault.Corrupt c && rng.nextDouble() < c.rate()) {
                byte[] copy = cur.payload().clone();
                for (int i = 0; i < c.bytes(); i++) {
                    copy[rng.nextInt(copy.length)] = (byte) rng.nextInt(256);
                }
                cur = cur.withPayload(copy);
                note(f, e.dueNanos());
            }
        }
        if (!frozen) {
            lastPayload.put(key(e), e.payload());
        }
        List<WireEvent> copies = new ArrayList<>(2);
        copies.add(cur);
        for (WireFault f : faults) {
            if (!f.sensor().equals(e.sensor()) || !f.activeAt(t)) {
                continue;
            }
            SplittableRandom rng = random.get(f);
            if (f instanceof WireFault.Duplicate d && rng.nextDouble() < d.rate()) {
                copies.add(cur.withDue(cur.dueNanos() + DUPLICATE_GAP_NANOS));
                note(f, e.dueNanos());
            } else if (f instanceof WireFault.Delay d) {
                long shift = Math.round((d.delayMillis() + rng.nextDouble() * d.jitterMillis()) * 1e6);
                copies.replaceAll(c -> c.withDue(c.dueNanos() + shift));
                note(f, e.dueNanos());
            }
        }
        for (WireEvent c : copies) {
            out.addAll(reorder(c, t));
        }
        return out;
    }

    private List<WireEvent> reorder(WireEvent e, double t) {
        String k = key(e);
        WireEvent h = held.remove(k);
        if (h != null) {
            // the held packet goes after this one: they swap send times
            return List.of(e.withDue(h.dueNanos()), h.withDue(Math.max(e.dueNanos(), h.dueNanos() + 1)));
        }
        for (WireFault f : faults) {
            if (f instanceof WireFault.Reorder r && r.sensor().equals(e.sensor()) && r.activeAt(t)
                    && random.get(f).nextDouble() < r.rate()) {
                held.put(k, e);
                note(f, e.dueNanos());
                return List.of();
            }
        }
        return List.of(e);
    }

    /** Packets still held for reordering (the stream ended): sent as they are. */
    public List<WireEvent> flush() {
        List<WireEvent> out = new ArrayList<>(held.values());
        held.clear();
        return out;
    }

    private static String key(WireEvent e) {
        return e.sensor() + "/" + e.channel();
    }

    private void note(WireFault f, long dueNanos) {
        firstAffectedNanos.putIfAbsent(f, dueNanos);
        affected.merge(f, 1L, Long::sum);
    }

    /** Due time (scenario ns) of the first packet {@code fault} changed, or {@code null} when it changed none. */
    public Long firstAffectedNanos(WireFault fault) {
        return firstAffectedNanos.get(fault);
    }

    /** Packets {@code fault} changed (dropped, replaced, delayed, ...). */
    public long affectedPackets(WireFault fault) {
        return affected.getOrDefault(fault, 0L);
    }
}
