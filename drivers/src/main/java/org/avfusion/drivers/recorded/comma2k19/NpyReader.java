package org.avfusion.drivers.recorded.comma2k19;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.avfusion.drivers.recorded.RecordedDriveException;

/**
 * Reads numpy {@code .npy} files (format versions 1.0, 2.0 and 3.0, as numpy's {@code format.py} documents them:
 * magic {@code \x93NUMPY}, version, header length (2 bytes in 1.0, 4 in 2.0/3.0), a Python-literal dict with
 * {@code descr}, {@code fortran_order} and {@code shape}, then the raw data).
 *
 * <p>Supported dtypes: floats {@code f4/f8}, signed and unsigned integers of 1-8 bytes, booleans {@code b1},
 * and fixed-size byte strings {@code S<n>}, in either byte order ({@code <}, {@code >}, {@code |}, {@code =}).
 * Arrays in Fortran order (comma2k19's accelerometer is one) are read in place. Anything else (structured or
 * object dtypes, unicode, a header that is not a dict, data shorter
 * than the shape) throws a {@link RecordedDriveException} naming the file and what is wrong.
 *
 * <p>Stateless; thread-safe. Reads the whole file into memory (the arrays of a segment are a few MB).
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern DTYPE = Pattern.compile("([<>|=])([fiubS])(\\d+)");
    /** Largest file read (a segment's largest array is about 1 MB). */
    public static final long MAX_BYTES = 1L << 30;

    private NpyReader() {
    }

    public static NpyArray read(Path file) throws RecordedDriveException {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, "numpy file not found");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, "numpy file larger than "
                        + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (RecordedDriveException e) {
            throw e;
        } catch (IOException e) {
            throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, "cannot read: " + e, e);
        }
        return parse(file, bytes);
    }

    /** Parses the bytes of a {@code .npy} file; {@code file} names it in errors. */
    public static NpyArray parse(Path file, byte[] bytes) throws RecordedDriveException {
        if (bytes.length < 10) {
            throw fail(file, 0, "too short for a numpy header (" + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw fail(file, 0, "not a numpy file (magic \\x93NUMPY missing)");
            }
        }
        int major = bytes[6] & 0xff;
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int headerAt;
        if (major == 1) {
            headerLength = le.getShort(8) & 0xffff;
            headerAt = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw fail(file, 8, "header length cut off");
            }
            long len = le.getInt(8) & 0xffffffffL;
            if (len > bytes.length) {
                throw fail(file, 8, "header length " + len + " exceeds the file");
            }
            headerLength = (int) len;
            headerAt = 12;
        } else {
            throw fail(file, 6, "numpy format version " + major + "." + (bytes[7] & 0xff)
                    + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        if (headerAt + headerLength > bytes.length) {
            throw fail(file, headerAt, "header of " + headerLength + " bytes runs past the end of the file");
        }
        String header = new String(bytes, headerAt, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).trim();
        if (!header.startsWith("{") || !header.endsWith("}")) {
            throw fail(file, headerAt, "header is not a dict: " + abbreviate(header));
        }
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!descr.find()) {
            throw fail(file, headerAt, "header has no 'descr' string (structured dtypes are not supported): "
                    + abbreviate(header));
        }
        if (!fortran.find()) {
            throw fail(file, headerAt, "header has no 'fortran_order'");
        }
        if (!shapeMatch.find()) {
            throw fail(file, headerAt, "header has no 'shape' tuple");
        }
        String dtype = descr.group(1);
        Matcher dt = DTYPE.matcher(dtype);
        if (!dt.matches()) {
            throw fail(file, headerAt, "dtype '" + dtype + "' is not supported (floats f4/f8, integers i1-i8 and "
                    + "u1-u8, b1, byte strings S<n>)");
        }
        char order = dt.group(1).charAt(0);
        char kind = dt.group(2).charAt(0);
        int itemBytes = Integer.parseInt(dt.group(3));
        boolean sizeOk = switch (kind) {
            case 'f' -> itemBytes == 4 || itemBytes == 8;
            case 'i', 'u' -> itemBytes == 1 || itemBytes == 2 || itemBytes == 4 || itemBytes == 8;
            case 'b' -> itemBytes == 1;
            default -> itemBytes >= 1 && itemBytes <= 1 << 20;
        };
        if (!sizeOk) {
            throw fail(file, headerAt, "dtype '" + dtype + "' has an unsupported item size");
        }
        List<Integer> dims = new ArrayList<>();
        long elements = 1;
        for (String part : shapeMatch.group(1).split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            long d;
            try {
                d = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
            } catch (NumberFormatException e) {
                throw fail(file, headerAt, "shape entry '" + p + "' is not an integer");
            }
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw fail(file, headerAt, "shape entry " + d + " out of range");
            }
            dims.add((int) d);
            elements *= d;
            if (elements > Integer.MAX_VALUE) {
                throw fail(file, headerAt, "array of " + elements + "+ elements is too large");
            }
        }
        int dataAt = headerAt + headerLength;
        long needed = elements * itemBytes;
        if (needed > bytes.length - dataAt) {
            throw fail(file, dataAt, "data cut short: shape " + dims + " of " + dtype + " needs " + needed
                    + " bytes, the file has " + (bytes.length - dataAt));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataAt, (int) needed).slice()
                .order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        return new NpyArray(file, dtype, kind, itemBytes, shape, fortran.group(1).equals("True"), elements,
                data.asReadOnlyBuffer()
                .order(data.order()));
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    private static RecordedDriveException fail(Path file, long offset, String reason) {
        return new RecordedDriveException(file, offset, reason);
    }
}
