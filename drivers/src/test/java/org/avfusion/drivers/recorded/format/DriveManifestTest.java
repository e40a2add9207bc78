package org.avfusion.drivers.recorded.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DriveManifest#read}: a bad {@code drive.yaml} is refused with the file, the key path, the value and what to
 * write, in the manifest's words: never the YAML parser's or the binder's (class names, token names).
 */
class DriveManifestTest {
    @TempDir
    Path temp;

    private String refusal(String yaml) throws Exception {
        Path file = Files.writeString(temp.resolve(DriveManifest.FILE), yaml);
        String message = assertThrows(RecordingFormatException.class, () -> DriveManifest.read(file)).getMessage();
        assertTrue(message.startsWith(file + ": "), message);
        for (String leak : new String[] {"Cannot deserialize", "Unrecognized field", "Malformed numeric", "class ",
            "org.", "JsonToken", "in 'reader'", "Exception", "$"}) {
            assertFalse(message.contains(leak), "'" + leak + "' in: " + message);
        }
        return message.substring(file.toString().length() + 2);
    }

    /** What drive.yaml says to write for a clock offset ({@code WRITE} in the table below). */
    private static final String WRITE = "write the file's clock minus GPS time in milliseconds, e.g. clockOffsetMillis: 0";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            clockOffsetMillis: abc         | lidar.clockOffsetMillis: 'abc' is not a number; WRITE
            clockOffsetMillis: .nan        | lidar.clockOffsetMillis: '.nan' is not a finite number; WRITE
            clockOffsetMillis: [1, 2]      | lidar.clockOffsetMillis: '[1,2]' is not a number; WRITE
            clockOffsetMillis: 0, rate: -5 | lidar.rate: unknown key 'rate'; known keys: clockOffsetMillis, file, model, sensor
            clockOffsetMillis: 1e300       | lidar.clockOffsetMillis: must be in [-86400000, 86400000] ms (the file's clock \
            minus GPS time), was 1.0E300
            """)
    void aBadLidarValueIsNamedByItsKeyPathWithWhatToWrite(String entry, String expected) throws Exception {
        assertEquals(expected.replace("WRITE", WRITE), refusal("lidar: {file: front.pcap, sensor: lidar_top, model: "
                + "HDL32, " + entry + "}\n"));
    }

    @Test
    void anUnclosedListNamesTheKeyTheLineAndWhatTheKeyTakes() throws Exception {
        assertEquals("lidar.sensor: not valid YAML: a list opened with '[' at line 1, column 35 ('[lidar_top'): "
                + "expected ',' or ']', found the end of the file at line 2, column 1; lidar.sensor takes a sensor "
                + "name: write the sensor its frames are published as, e.g. sensor: lidar_top",
                refusal("lidar: {file: front.pcap, sensor: [lidar_top\n"));
    }

    @Test
    void anUnknownStreamListsTheStreams() throws Exception {
        assertEquals("radar: unknown key 'radar'; known keys: camera, gnss, lidar",
                refusal("lidar: {file: front.pcap, sensor: lidar_top}\nradar: {file: r.bin, sensor: radar}\n"));
    }

    @Test
    void aMissingSensorSaysWhatToWrite() throws Exception {
        assertEquals("gnss.sensor: missing; write e.g. 'sensor: lidar_top'", refusal("gnss: {file: fixes.nmea}\n"));
    }

    @Test
    void anEmptyFileNamesTheStreamsItMayHave() throws Exception {
        assertEquals("is empty; name at least one of lidar, gnss, camera, e.g. lidar: {file: front.pcap, sensor: "
                + "lidar_top, model: HDL32, clockOffsetMillis: 0}", refusal("\n"));
    }

    @Test
    void aClockOffsetLeftOutIsZero() throws Exception {
        Path file = Files.writeString(temp.resolve(DriveManifest.FILE), "gnss: {file: f.nmea, sensor: gnss}\n");
        assertEquals(new DriveManifest(null, new DriveManifest.Stream("f.nmea", "gnss", null, 0.0), null),
                DriveManifest.read(file));
    }
}
