package org.avfusion.drivers.gnss.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceSettingsTest {

    @Test
    void sttyCommandSetsRawModeAndTheLineSettings() {
        assertEquals(List.of("stty", "-F", "/dev/ttyUSB0", "4800", "raw", "-echo", "-echoe", "-echok", "-ixon",
                "-ixoff", "-crtscts", "clocal", "cread", "cs8", "-cstopb", "-parenb"),
                SerialLineSettings.NMEA_0183.sttyCommand(Path.of("/dev/ttyUSB0")));
        assertEquals(List.of("cs7", "cstopb", "parenb", "parodd"), new SerialLineSettings(9600, 7, 'O', 2)
                .sttyCommand(Path.of("/dev/ttyS0")).subList(13, 17));
    }

    @Test
    void serialSettingsRefuseNonStandardValuesNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SerialLineSettings(4801, 8, 'N', 1))
                .getMessage().contains("baud 4801"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SerialLineSettings(4800, 8, 'X', 1))
                .getMessage().contains("parity"));
    }
}
