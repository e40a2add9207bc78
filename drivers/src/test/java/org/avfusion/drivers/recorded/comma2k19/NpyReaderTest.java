package org.avfusion.drivers.recorded.comma2k19;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NpyReader} on generated files (as numpy's format.py writes them) and its errors. */
class NpyReaderTest {
    private static final Path FILE = Path.of("gen.npy");

    /** A .npy file of the given version, header dict and data. */
    static byte[] npy(int version, String dict, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        int prefix = version == 1 ? 10 : 12;
        StringBuilder header = new StringBuilder(dict);
        while ((prefix + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer len = ByteBuffer.allocate(version == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (version == 1) {
            len.putShort((short) h.length);
        } else {
            len.putInt(h.length);
        }
        out.writeBytes(len.array());
        out.writeBytes(h);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] doubles(ByteOrder order, double... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(order);
        for (double d : v) {
            b.putDouble(d);
        }
        return b.array();
    }

    @Test
    void readsEveryHeaderVersion() throws Exception {
        for (int version = 1; version <= 3; version++) {
            NpyArray a = NpyReader.parse(FILE, npy(version, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                    doubles(ByteOrder.LITTLE_ENDIAN, 1.5, -2, 3)));
            assertArrayEquals(new double[] {1.5, -2, 3}, a.column(0), "version " + version);
        }
    }

    @Test
    void readsDtypesOfEitherByteOrder() throws Exception {
        ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(-4f);
        ByteBuffer i8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-7).putLong(1L << 40);
        ByteBuffer u2 = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putShort((short) 0xFFFF).putShort((short) 2);
        Object[][] table = {
            {"<f4", f4.array(), new double[] {0.25, -4}},
            {"<i8", i8.array(), new double[] {-7, 1L << 40}},
            {">u2", u2.array(), new double[] {65535, 2}},
            {">f8", doubles(ByteOrder.BIG_ENDIAN, 9.5, 1e-3), new double[] {9.5, 1e-3}},
            {"|u1", new byte[] {(byte) 200, 3}, new double[] {200, 3}},
            {"|i1", new byte[] {(byte) 200, 3}, new double[] {-56, 3}},
        };
        for (Object[] row : table) {
            NpyArray a = NpyReader.parse(FILE, npy(1, "{'descr': '" + row[0] + "', 'fortran_order': False, "
                    + "'shape': (2,), }", (byte[]) row[1]));
            assertArrayEquals((double[]) row[2], a.column(0), (String) row[0]);
        }
    }

    @Test
    void readsTwoDimensionsInCAndFortranOrder() throws Exception {
        // [[1, 2, 3], [4, 5, 6]]
        NpyArray c = NpyReader.parse(FILE, npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6)));
        NpyArray f = NpyReader.parse(FILE, npy(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6)));
        for (NpyArray a : new NpyArray[] {c, f}) {
            assertEquals(2, a.rows());
            assertEquals(3, a.columns());
            assertEquals(2, a.getDouble(0, 1));
            assertEquals(4, a.getDouble(1, 0));
            assertEquals(6, a.getDouble(1, 2));
        }
    }

    @Test
    void readsByteStrings() throws Exception {
        NpyArray a = NpyReader.parse(FILE, npy(1, "{'descr': '|S4', 'fortran_order': False, 'shape': (2,), }",
                new byte[] {1, 2, 0, 0, 5, 6, 7, 8}));
        assertArrayEquals(new byte[] {1, 2}, a.getBytes(0));
        assertArrayEquals(new byte[] {1, 2, 0, 0}, a.getRawBytes(0));
        assertArrayEquals(new byte[] {5, 6, 7, 8}, a.getBytes(1));
    }

    @Test
    void wrongDtypeOrShapeIsNamedInTheError(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("value");
        Files.write(file, npy(1, "{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }", new byte[24]));
        RecordedDriveException dtype = assertThrows(RecordedDriveException.class, () -> NpyReader.read(file));
        assertTrue(dtype.getMessage().contains(file.toString()) && dtype.getMessage().contains("<U3"),
                dtype.getMessage());

        Files.write(file, npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4)));
        RecordedDriveException shape = assertThrows(RecordedDriveException.class,
                () -> NpyReader.read(file).requireNumeric("processed_log/CAN/speed/value", 2, 1));
        assertTrue(shape.getMessage().contains("processed_log/CAN/speed/value")
                && shape.getMessage().contains("[2, 2]") && shape.getMessage().contains(file.toString()),
                shape.getMessage());

        Files.write(file, npy(1, "{'descr': '|S8', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        RecordedDriveException notNumeric = assertThrows(RecordedDriveException.class,
                () -> NpyReader.read(file).requireNumeric("IMU/gyro/value", -1));
        assertTrue(notNumeric.getMessage().contains("IMU/gyro/value") && notNumeric.getMessage().contains("|S8"),
                notNumeric.getMessage());
    }

    @Test
    void badFilesAreRefusedWithTheReason() {
        Object[][] table = {
            {"this is not a numpy file".getBytes(StandardCharsets.US_ASCII), "magic"},
            {npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }",
                    doubles(ByteOrder.LITTLE_ENDIAN, 1, 2)), "cut short"},
            {npy(1, "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[8]), "descr"},
            {npy(1, "{'descr': '<f8', 'fortran_order': False, }", new byte[8]), "shape"},
            {npy(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new byte[16]), "<c16"},
        };
        for (Object[] row : table) {
            RecordedDriveException e = assertThrows(RecordedDriveException.class,
                    () -> NpyReader.parse(FILE, (byte[]) row[0]));
            assertTrue(e.getMessage().contains((String) row[1]) && e.getMessage().contains("gen.npy"), e.getMessage());
        }
        byte[] v9 = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        v9[6] = 9;
        assertTrue(assertThrows(RecordedDriveException.class, () -> NpyReader.parse(FILE, v9)).getMessage()
                .contains("version 9"));
    }
}
