package org.avfusion.drivers.gnss.gpsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpsdJsonParserTest {

    private static final String TPV = "{\"class\":\"TPV\",\"device\":\"/dev/pts/3\",\"mode\":3,"
            + "\"time\":\"2014-12-31T03:07:24.000Z\",\"ept\":0.005,\"lat\":-37.784796667,\"lon\":175.314893333,"
            + "\"altHAE\":83.8000,\"altMSL\":60.1000,\"alt\":60.1000,\"epv\":34.500,\"track\":181.3900,"
            + "\"magtrack\":201.9320,\"speed\":0.165,\"eph\":20.900}";

    @Test
    void tpvBecomesAFixWithTheHdopOfTheLatestSky() {
        GpsdJsonParser p = new GpsdJsonParser("127.0.0.1:2947");
        assertNull(p.accept("{\"class\":\"SKY\",\"hdop\":1.10,\"uSat\":8,\"satellites\":[]}"));
        GnssFix fix = p.accept(TPV);
        assertEquals(new GnssFix(Instant.parse("2014-12-31T03:07:24Z").toEpochMilli(), -37.784796667, 175.314893333,
                60.1, 0.165, 181.39, FixMode.FIX_3D, 1.10, 8), fix);
        GpsdStats s = p.stats(1, 0, 0);
        assertEquals(2, s.lines());
        assertEquals(1, s.tpv());
        assertEquals(1, s.sky());
    }

    @Test
    void olderGpsdAltAndSatellitesUsedFlagsAreRead() {
        GpsdJsonParser p = new GpsdJsonParser("gpsd");
        p.accept("{\"class\":\"SKY\",\"satellites\":[{\"PRN\":1,\"used\":true},{\"PRN\":2,\"used\":false},"
                + "{\"PRN\":3,\"used\":true}]}");
        GnssFix fix = p.accept("{\"class\":\"TPV\",\"mode\":2,\"lat\":1.5,\"lon\":2.5,\"alt\":12.0}");
        assertEquals(12.0, fix.altitudeMslMeters());
        assertEquals(2, fix.satellitesUsed());
        assertEquals(GnssFix.UNKNOWN_TIME, fix.utcEpochMillis());
        assertEquals(FixMode.FIX_2D, fix.mode());
        assertTrue(Double.isNaN(fix.hdop()));
    }

    @Test
    void noFixTpvHasNoPosition() {
        GnssFix fix = new GpsdJsonParser("gpsd").accept("{\"class\":\"TPV\",\"mode\":1}");
        assertEquals(FixMode.NO_FIX, fix.mode());
        assertTrue(!fix.hasPosition());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"class\":\"VERSION\",\"release\":\"3.22\"}                 | ignored   | ",
        "{\"class\":\"ERROR\",\"message\":\"Unrecognized request\"}   | gpsdError | Unrecognized request",
        "not json at all                                               | malformed | not JSON",
        "[1,2,3]                                                       | malformed | not a JSON object",
        "{\"lat\":1}                                                   | malformed | class",
        "{\"class\":\"TPV\",\"mode\":\"3\"}                            | malformed | mode",
        "{\"class\":\"TPV\",\"mode\":3,\"lat\":\"north\",\"lon\":1}    | malformed | wrong type",
        "{\"class\":\"TPV\",\"mode\":7}                                | impossible | mode 7",
        "{\"class\":\"TPV\",\"mode\":3,\"lat\":91,\"lon\":1}           | impossible | lat 91",
        "{\"class\":\"TPV\",\"mode\":3,\"lat\":1,\"lon\":-181}         | impossible | lon -181",
        "{\"class\":\"TPV\",\"mode\":3,\"lat\":1,\"lon\":1,\"speed\":-2} | impossible | speed",
        "{\"class\":\"TPV\",\"time\":\"yesterday\"}                    | impossible | yesterday",
        "{\"class\":\"SKY\",\"hdop\":-1}                               | impossible | hdop",
    })
    void badOrOtherReportsAreCountedNeverThrown(String line, String counter, String inError) {
        GpsdJsonParser p = new GpsdJsonParser("10.0.0.9:2947");
        assertNull(p.accept(line.trim()));
        GpsdStats s = p.stats(0, 0, 0);
        long counted = switch (counter) {
            case "ignored" -> s.ignored();
            case "gpsdError" -> s.gpsdErrors();
            case "malformed" -> s.malformed();
            default -> s.impossibleValues();
        };
        assertEquals(1, counted, s.toString());
        assertEquals(1, s.lines());
        if (inError != null) {
            assertTrue(s.lastError().startsWith("10.0.0.9:2947 line 1: ") && s.lastError().contains(inError),
                    s.lastError());
        }
    }
}
