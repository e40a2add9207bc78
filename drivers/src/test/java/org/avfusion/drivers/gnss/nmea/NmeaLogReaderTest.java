package org.avfusion.drivers.gnss.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmeaLogReaderTest {

    @Test
    void garminGeko201HasExactlyOneBadChecksumNamedByFileAndLine() throws IOException {
        Path log = NmeaGpsdRegressionTest.nmeaDir().resolve("garmin-geko201.log");
        NmeaLogReader.Result result = NmeaLogReader.read(log);
        assertEquals(1, result.stats().badChecksum(), result.stats().toString());
        assertEquals(List.of(log + ":224: checksum '*' is not '*' and two hex digits in '$GPBOD,,T,,M,,*'"),
                result.errors());
        assertEquals(213, result.stats().total(), "every sentence of the file is counted once");
        assertEquals(18, result.fixes().size(), "one fix per receiver cycle");
    }

    @Test
    void quectelL70CountsProprietaryAndGrsAsUnsupportedNotAsErrors() throws IOException {
        NmeaLogReader.Result result = NmeaLogReader.read(NmeaGpsdRegressionTest.nmeaDir().resolve("quectel-L70.log"));
        assertEquals(115, result.stats().total());
        assertEquals(24, result.stats().unsupported());
        assertEquals(List.of(), result.errors());
    }

    @Test
    void commentsBlankLinesAndBinaryJunkAreSkippedAndBadLinesNamed(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("junk.log");
        byte[] junk = {'#', ' ', (byte) 0xff, 0, (byte) 0x80, '\n'};
        String body = "\n"
                + "$GPGGA,030719.000,3747.0873,S,17518.8938,E,1,08,1.1,59.9,M,23.7,M,,0000*7D\r\n"
                + "\u0001\u0002garbage\n"
                + "$GPRMC,030719.000,A,3747.0873,S,17518.8938,E,0.69,181.39,311214,,,A*7D\r\n";
        byte[] text = body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] all = new byte[junk.length + text.length];
        System.arraycopy(junk, 0, all, 0, junk.length);
        System.arraycopy(text, 0, all, junk.length, text.length);
        Files.write(log, all);

        NmeaLogReader.Result result = NmeaLogReader.read(log);

        assertEquals(1, result.fixes().size());
        GnssFix fix = result.fixes().get(0);
        assertEquals(1419995239000L, fix.utcEpochMillis(), "2014-12-31T03:07:19Z");
        assertEquals(FixMode.FIX_3D, fix.mode());
        assertEquals(List.of(6), result.lines(), "the flush after the last line released it");
        assertEquals(1, result.stats().malformed());
        assertEquals(1, result.errors().size());
        assertTrue(result.errors().get(0).startsWith(log + ":4: "), result.errors().get(0));
    }

    @Test
    void missingFileIsReportedWithItsName(@TempDir Path dir) {
        Path missing = dir.resolve("absent.log");
        IOException e = assertThrows(IOException.class, () -> NmeaLogReader.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getCause() instanceof NoSuchFileException);
    }
}
