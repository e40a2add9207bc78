package org.avfusion.drivers.can;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.recorded.RecordedDriveException;

/**
 * Reads log files written by can-utils {@code candump -l} (one frame a line: {@code (1436509052.249713) can0
 * 123#DEADBEEF}; 3 hex digits for an 11-bit id, 8 for a 29-bit one; {@code ##<flags><data>} for CAN FD;
 * {@code R} for a remote frame, which carries no data and is skipped).
 *
 * <p>Bad lines (no stamp, bad id or hex, odd digit count, more than 64 bytes) are counted in {@link Result#malformed()}
 * with the first few reasons kept, never thrown; a missing or unreadable file throws {@link RecordedDriveException}.
 * Stateless; thread-safe.
 */
public final class CandumpReader {
    private static final int KEPT_REASONS = 10;

    private CandumpReader() {
    }

    /**
     * @param frames       frames in file order
     * @param malformed    lines that could not be read
     * @param remote       remote-request frames skipped
     * @param firstReasons the first reasons, "line N: ..."
     */
    public record Result(List<CanFrame> frames, long malformed, long remote, List<String> firstReasons) {
        public Result {
            frames = List.copyOf(frames);
            firstReasons = List.copyOf(firstReasons);
        }
    }

    public static Result read(Path file) throws RecordedDriveException {
        if (!Files.isRegularFile(file)) {
            throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, "candump log not found");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            List<CanFrame> frames = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            long malformed = 0;
            long remote = 0;
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String trimmed = line.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                try {
                    CanFrame f = parseLine(trimmed);
                    if (f == null) {
                        remote++;
                    } else {
                        frames.add(f);
                    }
                } catch (IllegalArgumentException e) {
                    malformed++;
                    if (reasons.size() < KEPT_REASONS) {
                        reasons.add("line " + lineNo + ": " + e.getMessage());
                    }
                }
            }
            return new Result(frames, malformed, remote, reasons);
        } catch (IOException e) {
            throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, "cannot read: " + e, e);
        }
    }

    /** Parses one line; null for a remote frame; throws IllegalArgumentException saying what is wrong. */
    public static CanFrame parseLine(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 3) {
            throw new IllegalArgumentException("expected '(stamp) iface id#data', got '" + line + "'");
        }
        String stamp = parts[0];
        if (!stamp.startsWith("(") || !stamp.endsWith(")")) {
            throw new IllegalArgumentException("stamp '" + stamp + "' is not in parentheses");
        }
        long stampNanos = parseStamp(stamp.substring(1, stamp.length() - 1));
        String frame = parts[2];
        int hash = frame.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("frame '" + frame + "' has no '#'");
        }
        String idText = frame.substring(0, hash);
        if (idText.length() != 3 && idText.length() != 8) {
            throw new IllegalArgumentException("id '" + idText + "' must have 3 (11-bit) or 8 (29-bit) hex digits");
        }
        int id;
        try {
            id = Integer.parseUnsignedInt(idText, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("id '" + idText + "' is not hex");
        }
        String payload = frame.substring(hash + 1);
        if (payload.startsWith("R")) {
            return null;
        }
        if (payload.startsWith("#")) {
            if (payload.length() < 2) {
                throw new IllegalArgumentException("CAN FD frame '" + frame + "' has no flags digit");
            }
            payload = payload.substring(2);
        }
        payload = payload.replace(".", "");
        if (payload.length() % 2 != 0) {
            throw new IllegalArgumentException("payload '" + payload + "' has an odd number of hex digits");
        }
        if (payload.length() > 128) {
            throw new IllegalArgumentException("payload of " + payload.length() / 2 + " bytes (at most 64)");
        }
        byte[] data = new byte[payload.length() / 2];
        for (int i = 0; i < data.length; i++) {
            int hi = Character.digit(payload.charAt(2 * i), 16);
            int lo = Character.digit(payload.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("payload '" + payload + "' is not hex");
            }
            data[i] = (byte) (hi << 4 | lo);
        }
        boolean extended = idText.length() == 8;
        if (id > (extended ? 0x1FFFFFFF : 0x7FF)) {
            throw new IllegalArgumentException("id 0x" + idText + " out of range");
        }
        return new CanFrame(stampNanos, parts[1], id, extended, data);
    }

    private static long parseStamp(String s) {
        int dot = s.indexOf('.');
        try {
            if (dot < 0) {
                return Math.multiplyExact(Long.parseLong(s), 1_000_000_000L);
            }
            long seconds = Long.parseLong(s.substring(0, dot));
            String frac = s.substring(dot + 1);
            if (frac.isEmpty() || frac.length() > 9 || !frac.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("stamp '" + s + "' has a bad fraction");
            }
            long nanos = Long.parseLong((frac + "000000000").substring(0, 9));
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("stamp '" + s + "' is not seconds.fraction");
        }
    }
}
