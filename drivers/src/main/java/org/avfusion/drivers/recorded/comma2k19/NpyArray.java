package org.avfusion.drivers.recorded.comma2k19;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.avfusion.drivers.recorded.RecordedDriveException;

/**
 * One numpy array as read by {@link NpyReader}: its dtype, shape and the raw element bytes in C order. Numbers are
 * converted on access. Immutable after construction (the buffer is private and read with absolute gets), so it may
 * be shared between threads.
 */
public final class NpyArray {
    private final Path file;
    private final String dtype;
    private final char kind;
    private final int itemBytes;
    private final int[] shape;
    private final boolean fortranOrder;
    private final long elements;
    private final ByteBuffer data;

    NpyArray(Path file, String dtype, char kind, int itemBytes, int[] shape, boolean fortranOrder, long elements,
            ByteBuffer data) {
        this.fortranOrder = fortranOrder;
        this.file = file;
        this.dtype = dtype;
        this.kind = kind;
        this.itemBytes = itemBytes;
        this.shape = shape;
        this.elements = elements;
        this.data = data;
    }

    public Path file() {
        return file;
    }

    /** The numpy type string, e.g. {@code <f8}, {@code |S8}. */
    public String dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    /** Size of the first dimension (1 for a 0-d array). */
    public int rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /** Product of the dimensions after the first (1 for 1-D). */
    public int columns() {
        int c = 1;
        for (int i = 1; i < shape.length; i++) {
            c *= shape[i];
        }
        return c;
    }

    /** Whether the data is stored in Fortran (column-major) order; accessors hide it. */
    public boolean fortranOrder() {
        return fortranOrder;
    }

    /** Whether elements are numbers (f, i, u, b kinds). */
    public boolean numeric() {
        return kind == 'f' || kind == 'i' || kind == 'u' || kind == 'b';
    }

    /** Element at (row, column) of the array seen as rows x columns, as a double. */
    public double getDouble(int row, int column) {
        int at = offset(row, column);
        return switch (kind) {
            case 'f' -> itemBytes == 8 ? data.getDouble(at) : data.getFloat(at);
            case 'i', 'u', 'b' -> getLong(row, column);
            default -> throw new IllegalStateException(file + ": dtype " + dtype + " is not numeric");
        };
    }

    /** Element as a long (integer kinds; floats are truncated). */
    public long getLong(int row, int column) {
        int at = offset(row, column);
        return switch (kind) {
            case 'i' -> switch (itemBytes) {
                case 1 -> data.get(at);
                case 2 -> data.getShort(at);
                case 4 -> data.getInt(at);
                default -> data.getLong(at);
            };
            case 'u', 'b' -> switch (itemBytes) {
                case 1 -> data.get(at) & 0xffL;
                case 2 -> data.getShort(at) & 0xffffL;
                case 4 -> data.getInt(at) & 0xffffffffL;
                default -> data.getLong(at);
            };
            case 'f' -> (long) getDouble(row, column);
            default -> throw new IllegalStateException(file + ": dtype " + dtype + " is not numeric");
        };
    }

    /** The bytes of a fixed-size byte-string element ({@code |S<n>}), trailing NULs removed as numpy does. */
    public byte[] getBytes(int row) {
        if (kind != 'S') {
            throw new IllegalStateException(file + ": dtype " + dtype + " is not a byte string");
        }
        int at = offset(row, 0);
        int n = itemBytes;
        while (n > 0 && data.get(at + n - 1) == 0) {
            n--;
        }
        byte[] out = new byte[n];
        data.get(at, out);
        return out;
    }

    /** All {@code n} bytes of a fixed-size byte-string element ({@code |S<n>}), NUL padding included. */
    public byte[] getRawBytes(int row) {
        if (kind != 'S') {
            throw new IllegalStateException(file + ": dtype " + dtype + " is not a byte string");
        }
        byte[] out = new byte[itemBytes];
        data.get(offset(row, 0), out);
        return out;
    }

    /** One column as doubles. */
    public double[] column(int column) {
        double[] out = new double[rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = getDouble(r, column);
        }
        return out;
    }

    /**
     * Checks the shape against {@code expected} ({@code -1}: any size) and that the dtype is numeric.
     *
     * @param field the signal's name for the message, e.g. {@code processed_log/CAN/speed/value}
     */
    public NpyArray requireNumeric(String field, int... expected) throws RecordedDriveException {
        if (!numeric()) {
            throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, "field " + field + ": dtype "
                    + dtype + " is not numeric (expected a float or integer dtype such as <f8)");
        }
        return requireShape(field, expected);
    }

    /** Checks the shape ({@code -1}: any size in that dimension). */
    public NpyArray requireShape(String field, int... expected) throws RecordedDriveException {
        boolean ok = expected.length == shape.length;
        for (int i = 0; ok && i < expected.length; i++) {
            ok = expected[i] < 0 || expected[i] == shape[i];
        }
        if (!ok) {
            throw new RecordedDriveException(file, RecordedDriveException.NO_OFFSET, "field " + field + ": shape "
                    + Arrays.toString(shape) + " does not match the expected " + Arrays.toString(expected)
                    + " (-1: any size)");
        }
        return this;
    }

    private int offset(int row, int column) {
        int cols = columns();
        if (row < 0 || row >= rows() || column < 0 || column >= cols) {
            throw new IndexOutOfBoundsException(file + ": element (" + row + ", " + column + ") outside "
                    + Arrays.toString(shape));
        }
        long index = (long) row * cols + column;
        if (fortranOrder && shape.length > 1) {
            // (row, column) names the element in C order; its place in Fortran order: first index varies fastest
            long rest = column;
            long fortranIndex = 0;
            long stride = 1;
            long[] idx = new long[shape.length];
            idx[0] = row;
            for (int d = shape.length - 1; d >= 1; d--) {
                idx[d] = rest % shape[d];
                rest /= shape[d];
            }
            for (int d = 0; d < shape.length; d++) {
                fortranIndex += idx[d] * stride;
                stride *= shape[d];
            }
            index = fortranIndex;
        }
        if (index >= elements) {
            throw new IndexOutOfBoundsException(file + ": element " + index + " of " + elements);
        }
        return (int) (index * itemBytes);
    }
}
