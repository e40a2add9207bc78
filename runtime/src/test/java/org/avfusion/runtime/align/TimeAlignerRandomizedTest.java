package org.avfusion.runtime.align;

import static org.avfusion.runtime.align.AlignerRig.CAMERA;
import static org.avfusion.runtime.align.AlignerRig.LIDAR;
import static org.avfusion.runtime.align.AlignerRig.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random drives through the aligner (fixed seeds; the seed is in every failure message): 10 Hz lidar, 30 Hz
 * camera whose clock runs 12 ms ahead, 10 Hz GNSS, 100 Hz IMU, 10 ms clock ticks; random stamp jitter and
 * transport latency (so frames arrive out of order), random drops, a few very late sweeps, and sensor outages
 * long enough to go silent. Released sets are held for a random while (as ring slots hold them) before
 * {@link AlignedSet#releasePayloads()}.
 *
 * <p>Checks: (1) ownership: after every set was released and the aligner closed (with frames still in its
 * histories: the drive stops abruptly), every pooled cloud and image
 * has reference count 0 and both pools are full again; (2) set stamps strictly increase; (3) differential: the
 * camera frame in each set is the one a brute-force search over every camera frame delivered so far picks
 * (nearest corrected stamp within 40 ms, the earlier on a tie), and MISSING/SILENT exactly when there is none.
 */
class TimeAlignerRandomizedTest {
    private static final long CAMERA_OFFSET = 12 * MS;
    private static final long TOLERANCE = 40 * MS;
    private static final long DRIVE = 20_000 * MS;

    private enum Kind { LIDAR, CAMERA, GNSS, IMU, TICK }

    private record Event(long arrival, long order, Kind kind, long stamp, double value) {
    }

    private static List<Event> drive(Random rnd) {
        List<Event> events = new ArrayList<>();
        long[] order = {0};
        long start = 1_000 * MS;
        long lidarOutageUntil = Long.MIN_VALUE;
        for (long t = start; t < start + DRIVE; t += 100 * MS) {
            if (t > lidarOutageUntil && rnd.nextDouble() < 0.01) {
                lidarOutageUntil = t + (300 + rnd.nextInt(900)) * MS;
            }
            if (t <= lidarOutageUntil || rnd.nextDouble() < 0.05) {
                continue;
            }
            long stamp = t + (rnd.nextInt(2001) - 1000) * 1000L;              // +- 1 ms jitter
            long latency = rnd.nextDouble() < 0.03 ? (100 + rnd.nextInt(300)) * MS : (5 + rnd.nextInt(30)) * MS;
            events.add(new Event(stamp + latency, order[0]++, Kind.LIDAR, stamp, 0));
        }
        long cameraOutageUntil = Long.MIN_VALUE;
        for (long t = start + 7 * MS; t < start + DRIVE; t += 33_333_333L) {
            if (t > cameraOutageUntil && rnd.nextDouble() < 0.005) {
                cameraOutageUntil = t + (200 + rnd.nextInt(1500)) * MS;
            }
            if (t <= cameraOutageUntil || rnd.nextDouble() < 0.05) {
                continue;
            }
            long vehicleStamp = t + (rnd.nextInt(4001) - 2000) * 1000L;
            long latency = (10 + rnd.nextInt(60)) * MS;
            events.add(new Event(vehicleStamp + latency, order[0]++, Kind.CAMERA, vehicleStamp + CAMERA_OFFSET, 0));
        }
        for (long t = start + 3 * MS; t < start + DRIVE; t += 100 * MS) {
            if (rnd.nextDouble() < 0.03) {
                continue;
            }
            events.add(new Event(t + (20 + rnd.nextInt(60)) * MS, order[0]++, Kind.GNSS, t, 5 + rnd.nextDouble() * 10));
        }
        for (long t = start + 1 * MS; t < start + DRIVE; t += 10 * MS) {
            if (rnd.nextDouble() < 0.02) {
                continue;
            }
            events.add(new Event(t + (1 + rnd.nextInt(5)) * MS, order[0]++, Kind.IMU, t, rnd.nextGaussian() * 0.1));
        }
        // the drive stops abruptly (ticks end with the frames): sweeps and images are still in the aligner at close
        for (long t = start; t < start + DRIVE; t += 10 * MS) {
            events.add(new Event(t, order[0]++, Kind.TICK, t, 0));
        }
        events.sort(Comparator.comparingLong(Event::arrival).thenComparingLong(Event::order));
        return events;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234, 20240601, 777, 9001, 31337, 5})
    void randomDrivesLeakNothingAndMatchBruteForce(long seed) {
        Random rnd = new Random(seed);
        AlignerRig rig = new AlignerRig(0, 12);
        List<Long> deliveredCameraStamps = new ArrayList<>();
        ArrayDeque<AlignedSet> held = new ArrayDeque<>();
        long lastStamp = Long.MIN_VALUE;
        int sets = 0;
        int withCloud = 0;
        int withImage = 0;
        int silentReference = 0;
        String where = "seed " + seed + ": ";
        try {
            for (Event e : drive(rnd)) {
                switch (e.kind()) {
                    case LIDAR -> rig.lidarNanos(e.stamp(), e.arrival());
                    case CAMERA -> {
                        if (rig.cameraNanos(e.stamp(), e.arrival())) {
                            deliveredCameraStamps.add(e.stamp() - CAMERA_OFFSET);
                        }
                    }
                    case GNSS -> rig.gnssNanos(e.stamp(), e.arrival(), e.value(), 48.0, 11.0);
                    case IMU -> rig.imuNanos(e.stamp(), e.arrival(), e.value());
                    case TICK -> rig.aligner.onClock(e.arrival(), e.arrival());
                }
                for (AlignedSet set = rig.poll(); set != null; set = rig.poll()) {
                    sets++;
                    long t = set.referenceStampNanos();
                    if (t <= lastStamp) {
                        fail(where + "set stamp " + t + " after " + lastStamp + ": not increasing");
                    }
                    lastStamp = t;
                    if (set.cloud() != null) {
                        withCloud++;
                        assertEquals(SensorStatus.OK, set.status(LIDAR), where);
                        assertTrue(set.cloud().referenceCount() >= 1, where + "cloud in a set holds a reference");
                    } else {
                        silentReference++;
                        assertEquals(SensorStatus.SILENT, set.status(LIDAR), where);
                    }
                    checkCameraAgainstBruteForce(where, set, deliveredCameraStamps);
                    if (set.image(CAMERA) != null) {
                        withImage++;
                    }
                    held.addLast(set);
                }
                // ring slots keep sets for a while; release some now, in order
                int keep = rnd.nextInt(6);
                while (held.size() > keep) {
                    held.removeFirst().releasePayloads();
                }
            }
        } catch (RuntimeException | AssertionError ex) {
            throw new AssertionError(where + ex.getMessage(), ex);
        }
        while (!held.isEmpty()) {
            held.removeFirst().releasePayloads();
        }
        rig.aligner.close();
        assertEquals("", rig.leakReport(), where + "leak after " + sets + " sets");
        // the drive must have exercised what it claims to
        assertTrue(withCloud > 150, where + "sets with a sweep: " + withCloud);
        assertTrue(withImage > 100, where + "sets with an image: " + withImage);
        assertEquals(sets, rig.aligner.setCount(), where);
        assertEquals(silentReference, rig.aligner.silentReferenceSetCount(), where);
        assertTrue(rig.aligner.outOfOrderCount(LIDAR) + rig.aligner.outOfOrderCount(CAMERA) > 0,
                where + "no out-of-order frame was generated");
    }

    /** Slow reference: scan every delivered camera frame. */
    private static void checkCameraAgainstBruteForce(String where, AlignedSet set, List<Long> delivered) {
        long t = set.referenceStampNanos();
        long best = Long.MIN_VALUE;
        long bestDistance = Long.MAX_VALUE;
        for (long s : delivered) {
            long d = Math.abs(s - t);
            if (d <= TOLERANCE && (d < bestDistance || (d == bestDistance && s < best))) {
                best = s;
                bestDistance = d;
            }
        }
        if (best == Long.MIN_VALUE) {
            assertTrue(set.status(CAMERA) != SensorStatus.OK,
                    where + "set at " + t + " has camera " + set.stampNanos(CAMERA) + " but none is within tolerance");
        } else {
            assertEquals(SensorStatus.OK, set.status(CAMERA),
                    where + "set at " + t + ": camera " + best + " is within tolerance but the set says "
                            + set.status(CAMERA));
            assertEquals(best, set.stampNanos(CAMERA), where + "set at " + t + ": nearest camera");
            assertTrue(set.image(CAMERA).referenceCount() >= 1, where);
        }
    }
}
