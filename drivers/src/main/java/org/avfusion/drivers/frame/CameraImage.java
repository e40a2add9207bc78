package org.avfusion.drivers.frame;

import java.nio.ByteBuffer;
import org.avfusion.drivers.pool.PooledPayload;

/**
 * A pooled 8-bit, 3-channel BGR image (OpenCV's {@code CV_8UC3} layout, rows packed, no padding) in a
 * direct buffer, so OpenCV and ONNX Runtime can read it without a copy.
 *
 * <p>The pixels are valid only while the caller holds a reference
 * (see {@link org.avfusion.drivers.pool.PooledPayload}).
 */
public final class CameraImage extends PooledPayload implements Payload {
    public static final int CHANNELS = 3;

    private final ByteBuffer pixels;
    private int widthPixels;
    private int heightPixels;

    /** @param maxWidthPixels widest image this buffer takes; @param maxHeightPixels tallest */
    public CameraImage(int maxWidthPixels, int maxHeightPixels) {
        if (maxWidthPixels < 1 || maxHeightPixels < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + maxWidthPixels + "x"
                    + maxHeightPixels);
        }
        pixels = ByteBuffer.allocateDirect(maxWidthPixels * maxHeightPixels * CHANNELS);
    }

    /**
     * Sets the size of the image about to be written and returns the pixel buffer, positioned at 0 with its
     * limit at {@code width * height * 3}.
     */
    public ByteBuffer prepare(int width, int height) {
        long bytes = (long) width * height * CHANNELS;
        if (width < 1 || height < 1 || bytes > pixels.capacity()) {
            throw new IllegalArgumentException("image " + width + "x" + height + " does not fit this buffer of "
                    + pixels.capacity() + " bytes");
        }
        widthPixels = width;
        heightPixels = height;
        pixels.clear().limit((int) bytes);
        return pixels;
    }

    /** The pixels, BGR, row-major; position 0, limit {@code width * height * 3}. */
    public ByteBuffer pixels() {
        return pixels.duplicate().position(0).limit(widthPixels * heightPixels * CHANNELS);
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
    }

    @Override
    public SensorKind kind() {
        return SensorKind.CAMERA;
    }
}
