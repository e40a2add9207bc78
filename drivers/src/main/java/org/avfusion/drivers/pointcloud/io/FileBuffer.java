package org.avfusion.drivers.pointcloud.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a whole point cloud file into a byte array that grows to a quarter more than the largest file seen and is
 * reused, so a reader allocates nothing per file once warmed up. Confined to its reader's thread; the bytes stay
 * valid until the next {@link #readWhole}.
 */
final class FileBuffer {
    private byte[] bytes = new byte[0];

    /**
     * Reads {@code file} into {@link #bytes()}.
     *
     * @return the number of bytes read (fewer than the size seen at open when the file shrank meanwhile)
     * @throws PointCloudFormatException {@link RejectReason#UNREADABLE}, naming the file, when it cannot be opened or
     *                                   read or is over 2 GiB; not counted (the reader counts its rejections)
     */
    int readWhole(Path file) throws PointCloudFormatException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new PointCloudFormatException(file.toString(), -1, "", RejectReason.UNREADABLE,
                        "file of " + size + " bytes is too large");
            }
            if (bytes.length < size) {
                // a quarter more than this file: a folder's sweeps differ by a few percent (the KITTI tracking
                // sequence's PCD files 1.96-1.98 MB, the raw sequence's sweeps 1.79-1.83 MB), so the array grows
                // once, not at each larger file (three times in the PCD folder's first three sweeps)
                bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 16, size + size / 4)];
            }
            ByteBuffer target = ByteBuffer.wrap(bytes, 0, (int) size);
            while (target.hasRemaining() && channel.read(target) >= 0) {
                // read until full or end of file
            }
            return target.position();
        } catch (PointCloudFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new PointCloudFormatException(file.toString(), -1, "", RejectReason.UNREADABLE,
                    "cannot read: " + e);
        }
    }

    /**
     * Room for a file of {@code size} bytes now, with the same quarter more as {@link #readWhole} would make, so that
     * the first such file allocates nothing.
     */
    void reserve(int size) {
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("file size must be in [0, 2^31 - 17] bytes, was " + size);
        }
        if (bytes.length < size) {
            bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 16, size + (long) size / 4)];
        }
    }

    /** The bytes of the last file read, from offset 0. */
    byte[] bytes() {
        return bytes;
    }
}
