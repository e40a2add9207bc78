package org.avfusion.drivers.pointcloud.io;

import java.util.Objects;

/**
 * One field of a PCD header: its FIELDS name, SIZE in bytes, TYPE ({@code F} float, {@code U} unsigned,
 * {@code I} signed integer) and COUNT of elements per point.
 *
 * @param name      field name, e.g. {@code x}, {@code intensity}, {@code _} for padding
 * @param sizeBytes bytes per element: 4 or 8 for {@code F}; 1, 2, 4 or 8 for {@code U} and {@code I}
 * @param type      {@code 'F'}, {@code 'U'} or {@code 'I'}
 * @param count     elements per point, >= 1
 */
public record PcdField(String name, int sizeBytes, char type, int count) {
    /** The most elements one field may hold per point (a sanity bound against corrupt headers). */
    public static final int MAX_COUNT = 1 << 16;

    public PcdField {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field name must not be empty");
        }
        if (type == 'F') {
            if (sizeBytes != 4 && sizeBytes != 8) {
                throw new IllegalArgumentException("field " + name + ": TYPE F needs SIZE 4 or 8, was " + sizeBytes);
            }
        } else if (type == 'U' || type == 'I') {
            if (sizeBytes != 1 && sizeBytes != 2 && sizeBytes != 4 && sizeBytes != 8) {
                throw new IllegalArgumentException("field " + name + ": TYPE " + type + " needs SIZE 1, 2, 4 or 8, was "
                        + sizeBytes);
            }
        } else {
            throw new IllegalArgumentException("field " + name + ": TYPE must be F, U or I, was '" + type + "'");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("field " + name + ": COUNT must be in [1, " + MAX_COUNT + "], was "
                    + count);
        }
    }

    /** Bytes this field takes per point. */
    public int bytesPerPoint() {
        return sizeBytes * count;
    }

    /** True for a floating-point field. */
    public boolean isFloat() {
        return type == 'F';
    }
}
