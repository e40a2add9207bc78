package org.avfusion.drivers.can;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** candump logs, DBC-style signal specs and the decoder's counters, on inline fixtures. */
class CanDecodingTest {

    @Test
    void parsesCandumpLines() {
        CanFrame f = CandumpReader.parseLine("(1436509052.249713) can0 0B4#000000001D0B7A5E");
        assertEquals(1_436_509_052_249_713_000L, f.stampNanos());
        assertEquals("can0", f.bus());
        assertEquals(0xB4, f.id());
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0x1D, 0x0B, 0x7A, 0x5E}, f.data());
        CanFrame ext = CandumpReader.parseLine("(1.5) vcan1 18DAF110#0210");
        assertTrue(ext.extended());
        assertEquals(0x18DAF110, ext.id());
        assertEquals(1_500_000_000L, ext.stampNanos());
        assertEquals(3, CandumpReader.parseLine("(2.0) can0 123##1AABBCC").length(), "CAN FD");
        assertNull(CandumpReader.parseLine("(2.0) can0 123#R"), "remote frame");
    }

    @Test
    void countsMalformedLinesWithTheirReason(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("drive.log");
        Files.writeString(log, String.join("\n",
                "(10.000001) can0 0B4#000000001D0B7A5E",
                "can0 0B4#00",
                "(10.2) can0 0B4#0",
                "(10.3) can0 XYZ#00",
                "(10.4) can0 0B4#R",
                "(10.5) can0 0AA#1122"));
        CandumpReader.Result r = CandumpReader.read(log);
        assertEquals(2, r.frames().size());
        assertEquals(3, r.malformed());
        assertEquals(1, r.remote());
        assertTrue(r.firstReasons().get(0).startsWith("line 2:"), r.firstReasons().toString());
        assertTrue(r.firstReasons().get(1).contains("odd"), r.firstReasons().toString());
    }

    @Test
    void decodesSignalsOfBothByteOrders() {
        byte[] data = {0, 0, 0, 0, 0x1D, 0x0B, 0x7A, 0x5E};
        // Toyota SPEED: Motorola, MSB at bit 47 (byte 5, bit 7), 16 bits -> bytes 5-6 big-endian = 0x0B7A
        assertEquals(0x0B7A, new CanSignalSpec("SPEED", 0xB4, 47, 16, true, false, 1, 0).raw(data));
        // Intel: LSB at bit 32 (byte 4), 16 bits -> bytes 4-5 little-endian = 0x0B1D
        assertEquals(0x0B1D, new CanSignalSpec("X", 1, 32, 16, false, false, 1, 0).raw(data));
        // signed 8-bit Intel at byte 7: 0x5E = 94; byte 6 0x7A; make a negative one
        assertEquals(-2, new CanSignalSpec("S", 1, 0, 8, false, true, 1, 0).raw(new byte[] {(byte) 0xFE}));
        assertEquals(29.38, new CanSignalSpec("SPEED", 0xB4, 47, 16, true, false, 0.01, 0).decode(data), 1e-9);
        // a 4-bit Motorola field in the middle of a byte: bits 5..2 of byte 0 (start bit 5)
        assertEquals(0b1011, new CanSignalSpec("N", 1, 5, 4, true, false, 1, 0).raw(new byte[] {(byte) 0b0010_1100}));
    }

    @Test
    void unknownIdsAndShortFramesAreCounted() {
        CanSignalDecoder d = new CanSignalDecoder(List.of(new CanSignalSpec("SPEED", 0xB4, 47, 16, true, false,
                0.01, 0)));
        assertTrue(Double.isNaN(d.decode(new CanFrame(0, "can0", 0x25, false, new byte[8]))));
        assertTrue(Double.isNaN(d.decode(new CanFrame(1, "can0", 0x25, false, new byte[8]))));
        assertTrue(Double.isNaN(d.decode(new CanFrame(2, "can0", 0xB4, false, new byte[4]))));
        assertEquals(2, d.unknownFrames());
        assertEquals(Map.of(0x25, 2L), d.unknownIds());
        assertEquals(1, d.shortFrames());
    }

    @Test
    void badSpecsAndFramesAreRefusedWithTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new CanSignalSpec("V", 1, 0, 65, false, false, 1, 0)).getMessage().contains("length 65"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new CanSignalSpec("V", 1, 0, 8, false, false, 0, 0)).getMessage().contains("factor"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new CanFrame(0, "can0", 0x800, false, new byte[0])).getMessage().contains("11-bit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CanSignalDecoder(List.of(
                new CanSignalSpec("A", 1, 0, 8, false, false, 1, 0),
                new CanSignalSpec("B", 1, 8, 8, false, false, 1, 0)))).getMessage().contains("both use id"));
    }
}
