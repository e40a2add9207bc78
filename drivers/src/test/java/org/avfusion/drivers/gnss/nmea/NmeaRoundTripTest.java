package org.avfusion.drivers.gnss.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.junit.jupiter.api.Test;

/** NmeaWriter -> NmeaDecoder gives back the fix, fed the way the simulator feeds it (GGA, RMC, flush). */
class NmeaRoundTripTest {

    private static final long SEED = 20240611L;
    private static final long START_MILLIS = 1_700_000_000_000L; // 2023-11-14T22:13:20Z

    @Test
    void randomFixesAt10HzComeBackThroughGgaAndRmc() {
        Random random = new Random(SEED);
        NmeaDecoder decoder = new NmeaDecoder();
        for (int epoch = 0; epoch < 5_000; epoch++) {
            // 10 Hz, with a few odd milliseconds and a midnight crossing among them
            long utc = START_MILLIS + epoch * 100L + (epoch % 7 == 0 ? random.nextInt(100) : 0)
                    + (epoch > 2_500 ? 7_000_000L : 0);
            GnssFix sent = randomFix(random, utc);
            String gga = NmeaWriter.gga(sent, "GP");
            String rmc = NmeaWriter.rmc(sent, "GP");
            GnssFix got = decoder.accept(gga);
            if (got == null) {
                got = decoder.accept(rmc);
            }
            if (got == null) {
                got = decoder.flush();
            }
            String where = "seed " + SEED + " epoch " + epoch + "\n" + gga + rmc;
            assertNotNull(got, where);
            assertSameFix(sent, got, where);
        }
        assertEquals(10_000, decoder.stats().accepted(), decoder.stats().toString());
        assertEquals(0, decoder.stats().rejected(), decoder.stats().toString());
    }

    @Test
    void cycleEnderIsLearnedSoRmcCompletesTheEpochAfterTheFirstCycle() {
        NmeaDecoder decoder = new NmeaDecoder();
        GnssFix first = fix(START_MILLIS, 48.1, 11.5);
        GnssFix second = fix(START_MILLIS + 100, 48.2, 11.6);
        assertEquals(null, decoder.accept(NmeaWriter.gga(first, "GN")));
        assertEquals(null, decoder.accept(NmeaWriter.rmc(first, "GN")), "ender not known yet");
        assertEquals(first.utcEpochMillis(), decoder.accept(NmeaWriter.gga(second, "GN")).utcEpochMillis(),
                "a new time of day closes the first epoch");
        assertEquals(second.utcEpochMillis(), decoder.accept(NmeaWriter.rmc(second, "GN")).utcEpochMillis(),
                "RMC was the last sentence of the first cycle, so it completes the second");
        assertEquals(null, decoder.flush(), "nothing left in progress");
    }

    @Test
    void writerProducesValidChecksumsAndCrLf() {
        String gga = NmeaWriter.gga(fix(START_MILLIS, -37.784788333, 175.314896667), "GP");
        assertTrue(gga.startsWith("$GPGGA,221320.00,3747.0873000,S,17518.8938000,E,1,08,"), gga);
        assertTrue(gga.endsWith("\r\n"), gga);
        int sum = 0;
        for (int i = 1; i < gga.indexOf('*'); i++) {
            sum ^= gga.charAt(i);
        }
        assertEquals(String.format("%02X", sum), gga.substring(gga.indexOf('*') + 1, gga.indexOf('*') + 3));
    }

    static GnssFix fix(long utc, double lat, double lon) {
        return new GnssFix(utc, lat, lon, 59.9, 1.5, 181.39, FixMode.FIX_3D, 1.1, 8);
    }

    private static GnssFix randomFix(Random r, long utc) {
        FixMode mode = FixMode.values()[r.nextInt(10) == 0 ? r.nextInt(3) : 2];
        double lat = (r.nextDouble() * 2 - 1) * 90;
        double lon = (r.nextDouble() * 2 - 1) * 180;
        double alt = mode == FixMode.FIX_2D ? Double.NaN : r.nextDouble() * 9000 - 400;
        double speed = r.nextInt(20) == 0 ? 0 : r.nextDouble() * 80;
        double track = r.nextDouble() * 360;
        double hdop = Math.round(r.nextDouble() * 500) / 100.0;
        int sats = r.nextInt(40);
        return new GnssFix(utc, lat, lon, alt, speed, track, mode, hdop, sats);
    }

    static void assertSameFix(GnssFix sent, GnssFix got, String where) {
        assertEquals(sent.utcEpochMillis(), got.utcEpochMillis(), "time " + where);
        assertEquals(sent.latitudeDeg(), got.latitudeDeg(), 1e-7, "lat " + where);
        assertEquals(sent.longitudeDeg(), got.longitudeDeg(), 1e-7, "lon " + where);
        assertEquals(sent.altitudeMslMeters(), got.altitudeMslMeters(), 1e-3, "alt " + where);
        assertEquals(sent.speedMetersPerSecond(), got.speedMetersPerSecond(), 1e-4, "speed " + where);
        assertEquals(sent.trackDeg(), got.trackDeg(), 1e-3, "track " + where);
        assertEquals(sent.mode(), got.mode(), "mode " + where);
        assertEquals(sent.hdop(), got.hdop(), 1e-9, "hdop " + where);
        assertEquals(sent.satellitesUsed(), got.satellitesUsed(), "sats " + where);
    }
}
