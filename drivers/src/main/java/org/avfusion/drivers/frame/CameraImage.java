package org.avfusion.drivers.frame;

import java.nio.ByteBuffer;
import org.avfusion.drivers.pool.PooledPayload;

/**
 * A pooled 8-bit, 3-channel BGR image (OpenCV's {@code CV_8UC3} layout, rows packed, no padding) in a
 * direct buffer, so OpenCV and ONNX Runtime can read it without a copy.
 *
 * <p>The pixels are valid only while the caller holds a reference
 * (see {@link org.avfusion.drivers.pool.PooledPayload}).
 *
 * <p><b>Frames without pixels.</b> A recorded source whose replay has no consumer of pixels (no detector, no depth
 * model, no recording or live view of the inputs) may publish a frame with its size only, read from the file's
 * header ({@link #sizeWithoutPixels}): {@link #hasPixels()} is then false and {@link #pixels()} throws
 * {@link IllegalStateException} rather than hand out the buffer's stale contents. Width, height, stamp and sequence
 * are those of the decoded frame.
 *
 * <p><b>Memory.</b> The direct pixel buffer ({@code maxWidth * maxHeight * 3} bytes) is allocated when the buffer is
 * first written ({@link #prepare}) or read, not when it is made, so a pool of frames that only ever carry their size
 * holds no pixel memory. A pooled buffer allocates at most once in its life.
 */
public final class CameraImage extends PooledPayload implements Payload {
    public static final int CHANNELS = 3;

    private final int capacityBytes;
    /** Allocated on first use ({@link #buffer()}); written by the owner before the frame is published. */
    private ByteBuffer pixels;
    private int widthPixels;
    private int heightPixels;
    private boolean pixelsDecoded = true;

    /** @param maxWidthPixels widest image this buffer takes; @param maxHeightPixels tallest */
    public CameraImage(int maxWidthPixels, int maxHeightPixels) {
        if (maxWidthPixels < 1 || maxHeightPixels < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + maxWidthPixels + "x"
                    + maxHeightPixels);
        }
        long bytes = (long) maxWidthPixels * maxHeightPixels * CHANNELS;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image size " + maxWidthPixels + "x" + maxHeightPixels
                    + " is over 2 GiB of pixels");
        }
        capacityBytes = (int) bytes;
    }

    /** The pixel buffer, allocated the first time it is needed. */
    private ByteBuffer buffer() {
        ByteBuffer b = pixels;
        if (b == null) {
            b = ByteBuffer.allocateDirect(capacityBytes);
            pixels = b;
        }
        return b;
    }

    /**
     * Sets the size of the image about to be written and returns the pixel buffer, positioned at 0 with its
     * limit at {@code width * height * 3}.
     */
    public ByteBuffer prepare(int width, int height) {
        int bytes = size(width, height, true);
        return buffer().clear().limit(bytes);
    }

    /**
     * Sets the size of a frame whose pixels are not decoded (read from the image file's header): {@link #pixels()}
     * throws until the buffer is released and reused. The size must fit this buffer, as for {@link #prepare}.
     */
    public void sizeWithoutPixels(int width, int height) {
        size(width, height, false);
    }

    /** Sets the size (checked against this buffer) and whether pixels come; returns the pixel bytes. */
    private int size(int width, int height, boolean decoded) {
        long bytes = (long) width * height * CHANNELS;
        if (width < 1 || height < 1 || bytes > capacityBytes) {
            throw new IllegalArgumentException("image " + width + "x" + height + " does not fit this buffer of "
                    + capacityBytes + " bytes");
        }
        widthPixels = width;
        heightPixels = height;
        pixelsDecoded = decoded;
        return (int) bytes;
    }

    /** False for a frame published with its size only ({@link #sizeWithoutPixels}): its pixels must not be read. */
    public boolean hasPixels() {
        return pixelsDecoded;
    }

    /** Bytes this buffer holds at most ({@code maxWidth * maxHeight * 3}). */
    public int capacityBytes() {
        return capacityBytes;
    }

    /**
     * The pixels, BGR, row-major; position 0, limit {@code width * height * 3}.
     *
     * @throws IllegalStateException for a frame without pixels ({@link #hasPixels()} false)
     */
    public ByteBuffer pixels() {
        if (!pixelsDecoded) {
            throw new IllegalStateException("camera frame " + widthPixels + "x" + heightPixels + " has no pixels: "
                    + "its source read the image's size only (the replay found no consumer of pixels; see "
                    + "RecordingRequest.decodeImagePixels)");
        }
        return buffer().duplicate().position(0).limit(widthPixels * heightPixels * CHANNELS);
    }

    public int width() {
        return widthPixels;
    }

    public int height() {
        return heightPixels;
    }

    @Override
    protected void clear() {
        widthPixels = 0;
        heightPixels = 0;
        pixelsDecoded = true;
    }

    @Override
    public SensorKind kind() {
        return SensorKind.CAMERA;
    }
}
