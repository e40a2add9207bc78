package org.avfusion.drivers.gnss.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sentence-level behaviour of {@link NmeaDecoder}; sentences are written without checksum and sealed here. */
class NmeaDecoderTest {

    /** Appends the correct {@code *hh} to a sentence body such as {@code "$GPGGA,..."}. */
    static String seal(String body) {
        int sum = 0;
        for (int i = 1; i < body.length(); i++) {
            sum ^= body.charAt(i);
        }
        return body + String.format("*%02X\r\n", sum);
    }

    private static GnssFix feed(NmeaDecoder decoder, String... bodies) {
        GnssFix last = null;
        for (String body : bodies) {
            GnssFix fix = decoder.accept(seal(body));
            if (fix != null) {
                last = fix;
            }
        }
        GnssFix flushed = decoder.flush();
        return flushed != null ? flushed : last;
    }

    @ParameterizedTest(name = "{0} talker accepted")
    @CsvSource({"GP", "GN", "GL", "GA", "GB", "BD", "QZ", "GI"})
    void anyTwoLetterTalkerIsAccepted(String talker) {
        NmeaDecoder decoder = new NmeaDecoder();
        GnssFix fix = feed(decoder, "$" + talker + "RMC,120000.00,A,4807.038,N,01131.000,E,10.0,84.4,230394,,,A");
        assertEquals(Instant.parse("1994-03-23T12:00:00Z").toEpochMilli(), fix.utcEpochMillis());
        assertEquals(48 + 7.038 / 60, fix.latitudeDeg(), 1e-9);
        assertEquals(11 + 31.0 / 60, fix.longitudeDeg(), 1e-9);
        assertEquals(10.0 * 1852 / 3600, fix.speedMetersPerSecond(), 1e-9);
        assertEquals(84.4, fix.trackDeg(), 1e-9);
        assertEquals(FixMode.FIX_2D, fix.mode(), "RMC alone: a fix without altitude");
        assertEquals(1, decoder.stats().accepted());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // sentences of one epoch                                                                  | mode
        "$GPGGA,120000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,                             | FIX_3D",
        "$GPGGA,120000,4807.038,N,01131.000,E,1,08,0.9,,M,46.9,M,,                                  | FIX_2D",
        "$GPGGA,120000,4807.038,N,01131.000,E,0,00,,,M,,M,,                                         | NO_FIX",
        "$GPGGA,120000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,;$GPGSA,A,2,04,05,,,,,,,,,,,2.5,1.3,2.1 | FIX_2D",
        "$GPGGA,120000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,;$GPRMC,120000,V,4807.038,N,01131.000,E,,,230394,, | NO_FIX",
        "$GPGLL,4807.038,N,01131.000,E,120000,A,A                                                   | FIX_2D",
        "$GPGLL,4807.038,N,01131.000,E,120000,V,N                                                   | NO_FIX",
        "$GPRMC,120000,A,4807.038,N,01131.000,E,0.0,,230394,,,N                                     | NO_FIX",
    })
    void fixModeFollowsTheLastSentenceOfTheEpochLikeGpsd(String sentences, FixMode expected) {
        GnssFix fix = feed(new NmeaDecoder(), sentences.split(";"));
        assertEquals(expected, fix.mode());
        assertEquals(expected != FixMode.NO_FIX, fix.hasPosition());
    }

    @Test
    void gsaSuppliesHdopAndSatelliteCountWhenGgaDoesNot() {
        GnssFix fix = feed(new NmeaDecoder(),
                "$GNGLL,4807.038,N,01131.000,E,120000.00,A,A",
                "$GNGSA,A,3,04,05,09,12,,,,,,,,,2.5,1.3,2.1");
        assertEquals(FixMode.FIX_3D, fix.mode());
        assertEquals(1.3, fix.hdop(), 0);
        assertEquals(4, fix.satellitesUsed());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "$GPVTG,84.4,T,77.8,M,10.0,N,18.52,K,A | 84.4 | 5.1444444",
        "$GPVTG,84.4,T,77.8,M,,N,18.0,K,A      | 84.4 | 5.0",
        "$GPVTG,054.7,034.4,005.5,010.2        | 54.7 | 2.8294444",
    })
    void vtgSetsTrackAndSpeedOfTheEpochInProgress(String vtg, double trackDeg, double speedMps) {
        GnssFix fix = feed(new NmeaDecoder(), "$GPGGA,120000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,", vtg);
        assertEquals(trackDeg, fix.trackDeg(), 1e-9);
        assertEquals(speedMps, fix.speedMetersPerSecond(), 1e-6);
    }

    @Test
    void zdaDateAppliesToLaterEpochsAndRollsOverAtMidnight() {
        NmeaDecoder decoder = new NmeaDecoder();
        assertNull(decoder.accept(seal("$GPZDA,235959.50,31,12,2019,00,00")));
        GnssFix beforeMidnight = decoder.accept(seal("$GPGGA,235959.90,4807.038,N,01131.000,E,1,08,0.9,1,M,,M,,"));
        assertEquals(Instant.parse("2019-12-31T23:59:59.500Z").toEpochMilli(), beforeMidnight.utcEpochMillis(),
                "a new time of day closed the ZDA epoch");
        GnssFix second = decoder.accept(seal("$GPGGA,000000.10,4807.038,N,01131.000,E,1,08,0.9,1,M,,M,,"));
        assertEquals(Instant.parse("2019-12-31T23:59:59.900Z").toEpochMilli(), second.utcEpochMillis());
        GnssFix afterMidnight = decoder.flush();
        assertEquals(Instant.parse("2020-01-01T00:00:00.100Z").toEpochMilli(), afterMidnight.utcEpochMillis());
    }

    @Test
    void fixWithoutAnyDateHasUnknownTime() {
        GnssFix fix = feed(new NmeaDecoder(), "$GPGGA,120000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
        assertEquals(GnssFix.UNKNOWN_TIME, fix.utcEpochMillis());
        assertTrue(fix.hasPosition());
    }

    @Test
    void gstAndGsvAreAcceptedAndGsvDoesNotStartAnEpoch() {
        NmeaDecoder decoder = new NmeaDecoder();
        assertNull(decoder.accept(seal("$GPGSV,3,1,12,17,72,207,32,28,59,095,31,06,35,347,25,01,29,132,23")));
        assertNull(decoder.flush(), "satellites in view alone are no fix");
        assertNull(decoder.accept(seal("$GPGST,150120.000,9.3,16.2,9.2,179.2,11.5,13.5,22.0")));
        GnssFix timeOnly = decoder.flush();
        assertNotNull(timeOnly, "an epoch with a time is reported");
        assertEquals(FixMode.NO_FIX, timeOnly.mode());
        assertEquals(2, decoder.stats().accepted());
    }

    @Test
    void sameTimeAfterTheLearnedEnderReopensTheEpoch() {
        NmeaDecoder decoder = new NmeaDecoder();
        decoder.accept(seal("$GPGGA,120000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"));
        assertNotNull(decoder.flush(), "the flush learns GGA as the cycle ender");
        GnssFix early = decoder.accept(seal("$GPGGA,120001,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"));
        assertNotNull(early, "GGA completes the epoch at once");
        assertTrue(Double.isNaN(early.speedMetersPerSecond()));
        assertNull(decoder.accept(seal("$GPRMC,120001,A,4807.038,N,01131.000,E,3.0,90.0,230394,,,A")),
                "RMC with the same time reopens the epoch; the ender is learned afresh");
        GnssFix complete = decoder.flush();
        assertEquals(3.0 * 1852 / 3600, complete.speedMetersPerSecond(), 1e-9);
        assertEquals(545.4, complete.altitudeMslMeters(), 1e-9);
        assertEquals(FixMode.FIX_3D, complete.mode());
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        // sentence (sealed unless it has '*')                                         | counter         | lastError contains
        "$GPGGA,120000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*00             | badChecksum     | checksum",
        "$GPGGA,120000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*4              | badChecksum     | checksum",
        "$GPGGA,120000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,NOCHECKSUM      | missingChecksum | no '*hh'",
        "GPGGA,120000,4807.038,N                                                        | malformed       | no '$'",
        "$GPGGA,12000x,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,                | malformed       | GPGGA field 1 '12000x'",
        "$GPGGA,120000,48O7.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,                | malformed       | GPGGA field 2 '48O7.038'",
        "$GPGGA,120000,4807.038,N,01131.000,E,1,08,0.9,5x5.4,M,46.9,M,,                | malformed       | GPGGA field 9 '5x5.4'",
        "$GPGGA,250000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,                | impossibleValue | GPGGA field 1 '250000'",
        "$GPGGA,120000,9107.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,                | impossibleValue | GPGGA field 2 '9107.038': more than 90",
        "$GPGGA,120000,4867.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,                | impossibleValue | GPGGA field 2 '4867.038': minutes",
        "$GPGGA,120000,4807.038,X,01131.000,E,1,08,0.9,545.4,M,46.9,M,,                | impossibleValue | GPGGA field 3 'X'",
        "$GPGGA,120000,4807.038,N,18131.000,E,1,08,0.9,545.4,M,46.9,M,,                | impossibleValue | GPGGA field 4",
        "$GPRMC,120000,A,4807.038,N,01131.000,E,-1.0,84.4,230394,,,A                   | impossibleValue | GPRMC field 7 '-1.0'",
        "$GPRMC,120000,A,4807.038,N,01131.000,E,1.0,361.0,230394,,,A                   | impossibleValue | GPRMC field 8 '361.0'",
        "$GPRMC,120000,A,4807.038,N,01131.000,E,1.0,84.4,310294,,,A                    | impossibleValue | GPRMC field 9 '310294'",
        "$GPRMC,120000,X,4807.038,N,01131.000,E,1.0,84.4,230394,,,A                    | impossibleValue | GPRMC field 2 'X'",
        "$GPZDA,120000,23,13,1994,00,00                                                | impossibleValue | GPZDA field 3 '13'",
        "$GPGSA,A,4,04,05,,,,,,,,,,,2.5,1.3,2.1                                        | impossibleValue | GPGSA field 2 '4'",
        "$GPGSV,3,4,12,17,72,207,32                                                    | impossibleValue | GPGSV field 2 '4'",
        "$GPGSV,3,1,12,17,95,207,32                                                    | impossibleValue | GPGSV field 5 '95'",
        "$GPGRS,120000,1,0.1,0.2                                                       | unsupported     | GPGRS",
        "$PGRME,15.0,M,22.5,M,27.0,M                                                   | unsupported     | PGRME",
        "$gpgga,120000                                                                 | malformed       | address",
    })
    void badSentencesAreCountedOnceAndNamedInLastError(String sentence, String counter, String messagePart) {
        NmeaDecoder decoder = new NmeaDecoder();
        String line = sentence.contains("*") || counter.equals("missingChecksum") || !sentence.startsWith("$")
                ? sentence : seal(sentence);
        assertNull(decoder.accept(line));
        assertNull(decoder.flush(), "nothing of a rejected sentence enters an epoch");
        NmeaStats stats = decoder.stats();
        long count = switch (counter) {
            case "badChecksum" -> stats.badChecksum();
            case "missingChecksum" -> stats.missingChecksum();
            case "malformed" -> stats.malformed();
            case "impossibleValue" -> stats.impossibleValue();
            default -> stats.unsupported();
        };
        assertEquals(1, count, stats.toString());
        assertEquals(1, stats.total(), stats.toString());
        assertEquals(0, stats.accepted());
        assertTrue(stats.lastError().contains(messagePart), stats.lastError());
    }
}
