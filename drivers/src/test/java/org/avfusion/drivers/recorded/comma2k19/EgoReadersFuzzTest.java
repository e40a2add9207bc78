package org.avfusion.drivers.recorded.comma2k19;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import org.avfusion.drivers.can.CandumpReader;
import org.avfusion.drivers.ins.ncom.NcomDecoder;
import org.avfusion.drivers.recorded.RecordedDriveException;
import org.junit.jupiter.api.Test;

/**
 * Random corruption of valid npy files, candump lines and NCOM streams (fixed seeds, printed on failure): only the
 * documented outcomes may happen (a RecordedDriveException / IllegalArgumentException with a message, or counts).
 */
class EgoReadersFuzzTest {
    private static final int ROUNDS = 3000;

    @Test
    void corruptedNpyFilesFailOnlyWithAReason() {
        byte[] valid = NpyReaderTest.npy(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2), }",
                NpyReaderTest.doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6));
        for (long seed = 1; seed <= ROUNDS; seed++) {
            Random r = new Random(seed);
            byte[] b = mutate(valid, r);
            try {
                NpyArray a = NpyReader.parse(Path.of("fuzz.npy"), b);
                for (int row = 0; row < a.rows(); row++) {
                    if (a.numeric()) {
                        a.getDouble(row, 0);
                    } else {
                        a.getBytes(row);
                    }
                }
            } catch (RecordedDriveException e) {
                if (e.getMessage() == null || !e.getMessage().contains("fuzz.npy")) {
                    fail("seed " + seed + ": message without the file: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                fail("seed " + seed + ": " + e, e);
            }
        }
    }

    @Test
    void corruptedCandumpLinesFailOnlyWithIllegalArgument() {
        String valid = "(1436509052.249713) can0 0B4#000000001D0B7A5E";
        for (long seed = 1; seed <= ROUNDS; seed++) {
            Random r = new Random(seed);
            String line = new String(mutate(valid.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), r),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            try {
                CandumpReader.parseLine(line);
            } catch (IllegalArgumentException e) {
                if (e.getMessage() == null) {
                    fail("seed " + seed + ": no message");
                }
            } catch (RuntimeException e) {
                fail("seed " + seed + " line '" + line + "': " + e, e);
            }
        }
    }

    @Test
    void corruptedNcomStreamsAreCountedNotThrown() {
        byte[] packet = org.avfusion.drivers.ins.ncom.NcomDecoderTestPackets.locked();
        byte[] stream = new byte[packet.length * 5];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(packet, 0, stream, i * packet.length, packet.length);
        }
        for (long seed = 1; seed <= ROUNDS; seed++) {
            Random r = new Random(seed);
            byte[] b = mutate(stream, r);
            NcomDecoder d = new NcomDecoder();
            try {
                int at = 0;
                while (at < b.length) {
                    int n = Math.min(b.length - at, 1 + r.nextInt(100));
                    d.feed(b, at, n, p -> { });
                    at += n;
                }
                d.finish();
                d.decodeDatagram(b, Math.min(b.length, r.nextInt(80)));
            } catch (RuntimeException e) {
                fail("seed " + seed + ": " + e, e);
            }
        }
    }

    private static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid.clone();
        switch (r.nextInt(4)) {
            case 0 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 1 -> {
                for (int k = 0; k < 1 + r.nextInt(4); k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 2 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            default -> {
                int from = r.nextInt(b.length);
                int len = r.nextInt(b.length - from + 1);
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, from);
                System.arraycopy(b, from + len, out, from, b.length - from - len);
                b = out;
            }
        }
        return b;
    }
}
