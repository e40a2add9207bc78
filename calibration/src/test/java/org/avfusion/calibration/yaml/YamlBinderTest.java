package org.avfusion.calibration.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The binder and the bounds: one row per way a value is refused, with the exact message. */
class YamlBinderTest {
    record Port(String host, int port, double rateHz) {
        Port {
            Bounds.requireNonBlank("host", host, "127.0.0.1");
            Bounds.requireInRange("port", port, 1, 65_535, "");
            Bounds.requirePositive("rateHz", rateHz, 1000, "Hz");
        }
    }

    record Ports(List<Port> ports) {
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '{ports: [{host: a, port: 0, rateHz: 1}]}'       | 'f.yaml: ports[0].port: must be in [1, 65535], was 0'
            '{ports: [{host: a, port: 1, rateHz: 1e10}]}'    | 'f.yaml: ports[0].rateHz: must be in (0, 1000] Hz, was 1.0E10'
            '{ports: [{host: a, port: 1, rateHz: -1}]}'      | 'f.yaml: ports[0].rateHz: must be > 0, was -1.0; allowed: (0, 1000] Hz'
            '{ports: [{host: a, port: 1, rateHz: 1, x: 2}]}' | 'f.yaml: ports[0].x: unknown key ''x''; known keys: host, port, rateHz'
            '{ports: [{host: a, port: \"80\", rateHz: 1}]}'  | 'f.yaml: ports[0].port: bad value ''80''; write a whole number'
            '{ports: [{host: a, port: 8.5, rateHz: 1}]}'     | 'f.yaml: ports[0].port: bad value ''8.5''; write a whole number'
            '{ports: [{host: \" \", port: 1, rateHz: 1}]}'   | 'f.yaml: ports[0].host: must not be blank; write e.g. ''host: 127.0.0.1'''
            '{ports: [], ports: []}'                         | 'f.yaml: not valid YAML at line 1, column 20: Duplicate field ''ports''; write each key once'
            """)
    void refusedYamlNamesFileKeyValueAndRange(String yaml, String message) {
        BindException e = assertThrows(BindException.class,
                () -> YamlBinder.bind(YamlBinder.readTree(yaml, "f.yaml"), Ports.class, "f.yaml", "", true));
        assertEquals(message, e.getMessage());
    }

    @Test
    void powerOfTwoBoundNamesTheRange() {
        BoundsException e = assertThrows(BoundsException.class,
                () -> Bounds.requirePowerOfTwo("ring.size", 1 << 26, 16, 1 << 20, "slots"));
        assertEquals("ring.size must be a power of two in [16, 1048576] slots, was 67108864", e.getMessage());
    }

    @Test
    void halfOpenRangeSaysSo() {
        BoundsException e = assertThrows(BoundsException.class,
                () -> Bounds.requireInHalfOpenRange("cutAzimuthDeg", 360, 0, 360, ""));
        assertEquals("cutAzimuthDeg must be in [0, 360), was 360.0", e.getMessage());
    }

    @Test
    void enumChoiceListsTheAllowedValues() {
        BoundsException e = assertThrows(BoundsException.class,
                () -> Bounds.requireOneOf("baud", 4000, List.of(4800, 9600)));
        assertEquals("baud '4000' is not allowed; one of [4800, 9600]", e.getMessage());
    }

    /** YAML's .nan and .inf are valid YAML that no setting takes: the message names the key, not the parser. */
    @org.junit.jupiter.api.Test
    void aNonFiniteNumberNamesItsKey() {
        BindException e = org.junit.jupiter.api.Assertions.assertThrows(BindException.class,
                () -> YamlBinder.readTree("alignment:\n  poseMaxGapMillis: .nan\n", "p.yaml"));
        org.junit.jupiter.api.Assertions.assertEquals("p.yaml: alignment.poseMaxGapMillis: '.nan' at line 2, column 25 "
                + "is not a finite number: NaN and infinities are refused; write a number within the setting's range",
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertEquals("vehicle.lidarMount.xMeters", YamlBinder.keyAt(
                "ring:\n  size: 4\nvehicle:\n  lidarMount: {xMeters: -.inf, yMeters: 0}\n", 4, 30));
        org.junit.jupiter.api.Assertions.assertEquals("vehicle.yMeters", YamlBinder.keyAt(
                "vehicle:\n  lidarMount: {xMeters: 1}, yMeters: .inf\n", 2, 44), "a closed flow mapping is left");
        org.junit.jupiter.api.Assertions.assertEquals("live.sources[].port", YamlBinder.keyAt(
                "live:\n  sources:\n    - kind: NMEA_TCP\n      port: .inf\n", 4, 13));
        org.junit.jupiter.api.Assertions.assertEquals("", YamlBinder.keyAt("- .nan\n", 1, 3), "no key: none named");
    }

    /** Two documents in one file, and bytes that are not UTF-8: said in words, not the parser's or the JDK's. */
    @org.junit.jupiter.api.Test
    void aSecondDocumentAndNonUtf8TextAreNamed() {
        BindException two = org.junit.jupiter.api.Assertions.assertThrows(BindException.class,
                () -> YamlBinder.readTree("ring:\n  size: 64\n---\nring:\n  size: 32\n", "p.yaml"));
        org.junit.jupiter.api.Assertions.assertTrue(two.getMessage().contains("line 4")
                && two.getMessage().contains("a second YAML document starts here"), two.getMessage());
        org.junit.jupiter.api.Assertions.assertFalse(two.getMessage().contains("FAIL_ON_TRAILING_TOKENS"));
        BindException latin1 = org.junit.jupiter.api.Assertions.assertThrows(BindException.class,
                () -> YamlBinder.readTree(new java.io.ByteArrayInputStream(new byte[] {'a', ':', ' ', (byte) 0xe9}),
                        "r.yaml"));
        org.junit.jupiter.api.Assertions.assertEquals("r.yaml: cannot read: it is not UTF-8 text (save it as UTF-8)",
                latin1.getMessage());
    }
}
