package org.avfusion.drivers.recorded.rosbag;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.camera.OpenCvImages;
import org.avfusion.drivers.recorded.RejectReason;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes serialized sensor messages into frames: ROS 1 (the wire format of {@code sensor_msgs}, little-endian) and
 * ROS 2 (CDR, see {@link RosCursor#resetCdr}); the bodies have the same fields in both, the cursor knows the
 * encoding.
 *
 * <p>Each method reads the message body that follows the {@code std_msgs/Header} ({@link #headerStampNanos} reads
 * a ROS 1 header first; {@code org.avfusion.drivers.recorded.ros2} reads the ROS 2 one). Bad input throws {@link RosDecodeException} naming the field and byte; a pooled buffer taken for the
 * frame is released before it is thrown, so nothing leaks. Conversions:
 * <ul>
 * <li>NavSatFix: status -1 is {@link FixMode#NO_FIX}, otherwise a 3D fix (2D when the altitude is NaN); altitude
 *     is passed on as the message gives it (ROS says: above the WGS-84 ellipsoid); speed, track and HDOP are not
 *     in the message (NaN), satellites unknown (-1); UTC time from the header stamp.</li>
 * <li>Imu: angular velocity and linear acceleration as given, orientation ignored.</li>
 * <li>PointCloud2: fields found by name: {@code x, y, z} (required), {@code intensity}, {@code ring}, {@code time}
 *     or {@code t}; any of the eight PointField datatypes, either byte order. A floating-point time is seconds, an
 *     integer time nanoseconds, relative to the header stamp. Points with a non-finite coordinate (NaN in
 *     non-dense clouds) are left out.</li>
 * <li>Image: {@code bgr8}, {@code rgb8}, {@code mono8} (and their aliases {@code 8UC3}, {@code 8UC1}) into BGR.</li>
 * <li>CompressedImage: JPEG or PNG, decoded with OpenCV {@code imdecode} into BGR.</li>
 * </ul>
 *
 * <p>Not thread-safe (reuses its scratch buffers); one per source. Per frame it allocates only the result record
 * (fix, sample), a few short strings (field names, encodings) and, for a compressed image, the OpenCV matrices;
 * pixels and points go straight from the bag's chunk into the pooled buffer.
 */
public final class RosMessageDecoder implements AutoCloseable {
    private static final int MAX_POINT_FIELDS = 256;
    private static final int[] DATATYPE_BYTES = {0, 1, 1, 2, 2, 4, 4, 4, 8};
    private static final int X = 0;
    private static final int Y = 1;
    private static final int Z = 2;
    private static final int INTENSITY = 3;
    private static final int RING = 4;
    private static final int TIME = 5;

    private final int[] fieldOffset = new int[6];
    private final int[] fieldType = new int[6];
    private BytePointer compressed = new BytePointer(0L);
    private long compressedCapacity;

    /** Reads a {@code std_msgs/Header} (seq, stamp, frame_id) and returns its stamp, nanoseconds since 1970. */
    public static long headerStampNanos(RosCursor c) {
        c.uint32("header.seq");
        long stamp = c.time("header.stamp");
        c.skipString("header.frame_id");
        return stamp;
    }

    /** A {@code sensor_msgs/NavSatFix} body. */
    public GnssFix navSatFix(RosCursor c, long stampNanos) {
        int status = c.int8("status.status");
        c.uint16("status.service");
        int latAt = c.offset();
        double lat = c.float64("latitude");
        double lon = c.float64("longitude");
        double alt = c.float64("altitude");
        c.skipFloat64s("position_covariance", 9);
        c.uint8("position_covariance_type");
        if (!Double.isNaN(lat) && !(lat >= -90 && lat <= 90)) {
            throw new RosDecodeException(RejectReason.IMPOSSIBLE_VALUE, "latitude", latAt, lat + " not in [-90, 90]");
        }
        if (!Double.isNaN(lon) && !(lon >= -180 && lon <= 180)) {
            throw new RosDecodeException(RejectReason.IMPOSSIBLE_VALUE, "longitude", latAt + 8,
                    lon + " not in [-180, 180]");
        }
        FixMode mode = status < 0 || Double.isNaN(lat) || Double.isNaN(lon) ? FixMode.NO_FIX
                : Double.isFinite(alt) ? FixMode.FIX_3D : FixMode.FIX_2D;
        return new GnssFix(Math.floorDiv(stampNanos, 1_000_000L), lat, lon, alt, Double.NaN, Double.NaN, mode,
                Double.NaN, -1);
    }

    /** A {@code sensor_msgs/Imu} body. */
    public ImuSample imu(RosCursor c) {
        c.skipFloat64s("orientation", 4);
        c.skipFloat64s("orientation_covariance", 9);
        int gyroAt = c.offset();
        double wx = c.float64("angular_velocity.x");
        double wy = c.float64("angular_velocity.y");
        double wz = c.float64("angular_velocity.z");
        c.skipFloat64s("angular_velocity_covariance", 9);
        int accelAt = c.offset();
        double ax = c.float64("linear_acceleration.x");
        double ay = c.float64("linear_acceleration.y");
        double az = c.float64("linear_acceleration.z");
        c.skipFloat64s("linear_acceleration_covariance", 9);
        if (!Double.isFinite(wx) || !Double.isFinite(wy) || !Double.isFinite(wz)) {
            throw new RosDecodeException(RejectReason.IMPOSSIBLE_VALUE, "angular_velocity", gyroAt,
                    "non-finite (" + wx + ", " + wy + ", " + wz + ")");
        }
        if (!Double.isFinite(ax) || !Double.isFinite(ay) || !Double.isFinite(az)) {
            throw new RosDecodeException(RejectReason.IMPOSSIBLE_VALUE, "linear_acceleration", accelAt,
                    "non-finite (" + ax + ", " + ay + ", " + az + ")");
        }
        return new ImuSample(wx, wy, wz, ax, ay, az);
    }

    /** A {@code sensor_msgs/PointCloud2} body, into a cloud from {@code pool}. */
    public PointCloud pointCloud2(RosCursor c, BufferPool<PointCloud> pool) {
        long height = c.uint32("height");
        long width = c.uint32("width");
        int fieldsAt = c.offset();
        int fieldCount = c.arrayLength("fields", 13);
        if (fieldCount > MAX_POINT_FIELDS) {
            throw new RosDecodeException(RejectReason.MALFORMED, "fields", fieldsAt, fieldCount + " fields, at most "
                    + MAX_POINT_FIELDS);
        }
        java.util.Arrays.fill(fieldType, 0);
        for (int i = 0; i < fieldCount; i++) {
            String name = "fields[" + i + "]";
            int slot = slotOfName(c.string(name + ".name"));
            long offset = c.uint32(name + ".offset");
            int typeAt = c.offset();
            int datatype = c.uint8(name + ".datatype");
            long count = c.uint32(name + ".count");
            if (slot >= 0 && fieldType[slot] == 0) {
                if (datatype < 1 || datatype > 8) {
                    throw new RosDecodeException(RejectReason.UNSUPPORTED, name + ".datatype", typeAt,
                            "datatype " + datatype + " is not one of PointField's 1..8");
                }
                if (count < 1 || offset > Integer.MAX_VALUE) {
                    throw new RosDecodeException(RejectReason.MALFORMED, name, typeAt, "offset " + offset
                            + ", count " + count);
                }
                fieldType[slot] = datatype;
                fieldOffset[slot] = (int) offset;
            }
        }
        boolean bigEndian = c.uint8("is_bigendian") != 0;
        long pointStep = c.uint32("point_step");
        int rowStepAt = c.offset();
        long rowStep = c.uint32("row_step");
        int dataLength = c.arrayLength("data", 1);
        int data = c.absolute();
        c.skip("data", dataLength);
        c.uint8("is_dense");
        String[] names = {"x", "y", "z"};
        for (int axis = X; axis <= Z; axis++) {
            if (fieldType[axis] == 0) {
                throw new RosDecodeException(RejectReason.MALFORMED, "fields", fieldsAt, "no field named '"
                        + names[axis] + "'");
            }
        }
        for (int slot = 0; slot < 6; slot++) {
            if (fieldType[slot] != 0 && fieldOffset[slot] + DATATYPE_BYTES[fieldType[slot]] > pointStep) {
                throw new RosDecodeException(RejectReason.MALFORMED, "fields", fieldsAt, "a field at offset "
                        + fieldOffset[slot] + " overruns point_step " + pointStep);
            }
        }
        if (width * pointStep > rowStep || rowStep * height > dataLength) {
            throw new RosDecodeException(RejectReason.MALFORMED, "row_step", rowStepAt, "width " + width
                    + " x point_step " + pointStep + " and row_step " + rowStep + " x height " + height
                    + " do not fit data of " + dataLength + " bytes");
        }
        PointCloud cloud = pool.acquire();
        if (cloud == null) {
            throw new RosDecodeException(RejectReason.POOL_EXHAUSTED, "data", rowStepAt, "every buffer of pool "
                    + pool.name() + " is in use");
        }
        if (width * height > cloud.capacity()) {
            cloud.release();
            throw new RosDecodeException(RejectReason.TOO_LARGE, "width", fieldsAt - 4, width * height
                    + " points, pooled clouds hold " + cloud.capacity());
        }
        ByteBuffer bytes = c.buffer().duplicate().order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (long row = 0; row < height; row++) {
            int rowStart = data + (int) (row * rowStep);
            for (long col = 0; col < width; col++) {
                int point = rowStart + (int) (col * pointStep);
                float x = (float) read(bytes, point, X);
                float y = (float) read(bytes, point, Y);
                float z = (float) read(bytes, point, Z);
                if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
                    continue;
                }
                float intensity = fieldType[INTENSITY] == 0 ? 0f : (float) read(bytes, point, INTENSITY);
                int ring = fieldType[RING] == 0 ? 0 : (int) read(bytes, point, RING);
                int offsetNanos = 0;
                if (fieldType[TIME] != 0) {
                    double t = read(bytes, point, TIME);
                    double nanos = fieldType[TIME] >= 7 ? t * 1e9 : t;
                    if (!(Math.abs(nanos) <= Integer.MAX_VALUE)) {
                        cloud.release();
                        throw new RosDecodeException(RejectReason.IMPOSSIBLE_VALUE, "data.time", point - data,
                                "point time " + t + " is more than 2.1 s from the header stamp");
                    }
                    offsetNanos = (int) Math.round(nanos);
                }
                cloud.add(x, y, z, intensity, offsetNanos, ring);
            }
        }
        return cloud;
    }

    private int slotOfName(String name) {
        return switch (name) {
            case "x" -> X;
            case "y" -> Y;
            case "z" -> Z;
            case "intensity" -> INTENSITY;
            case "ring" -> RING;
            case "time", "t" -> TIME;
            default -> -1;
        };
    }

    private double read(ByteBuffer bytes, int point, int slot) {
        int at = point + fieldOffset[slot];
        return switch (fieldType[slot]) {
            case 1 -> bytes.get(at);
            case 2 -> bytes.get(at) & 0xff;
            case 3 -> bytes.getShort(at);
            case 4 -> bytes.getShort(at) & 0xffff;
            case 5 -> bytes.getInt(at);
            case 6 -> bytes.getInt(at) & 0xffffffffL;
            case 7 -> bytes.getFloat(at);
            default -> bytes.getDouble(at);
        };
    }

    /** A {@code sensor_msgs/Image} body, into an image from {@code pool}. */
    public CameraImage image(RosCursor c, BufferPool<CameraImage> pool) {
        long height = c.uint32("height");
        long width = c.uint32("width");
        int encodingAt = c.offset();
        String encoding = c.string("encoding");
        c.uint8("is_bigendian");
        long step = c.uint32("step");
        int dataAt = c.offset();
        int dataLength = c.arrayLength("data", 1);
        int data = c.absolute();
        c.skip("data", dataLength);
        int channels;
        boolean swapRedBlue = false;
        switch (encoding) {
            case "bgr8", "8UC3" -> channels = 3;
            case "rgb8" -> {
                channels = 3;
                swapRedBlue = true;
            }
            case "mono8", "8UC1" -> channels = 1;
            default -> throw new RosDecodeException(RejectReason.UNSUPPORTED, "encoding", encodingAt, "'"
                    + encoding + "' is not bgr8, rgb8 or mono8");
        }
        if (width < 1 || height < 1 || step < width * channels || step * height > dataLength) {
            throw new RosDecodeException(RejectReason.MALFORMED, "data", dataAt, width + "x" + height + " "
                    + encoding + " with step " + step + " does not fit data of " + dataLength + " bytes");
        }
        CameraImage image = acquireImage(pool, dataAt);
        if (width * height * CameraImage.CHANNELS > image.capacityBytes()) {
            image.release();
            throw new RosDecodeException(RejectReason.TOO_LARGE, "width", 0, "image " + width + "x" + height
                    + " is larger than the pooled buffer");
        }
        ByteBuffer src = c.buffer();
        ByteBuffer dst = image.prepare((int) width, (int) height);
        int rowBytes = (int) width * channels;
        for (int row = 0; row < height; row++) {
            int from = data + (int) (row * step);
            if (channels == 3 && !swapRedBlue) {
                dst.put(dst.position(), src, from, rowBytes);
                dst.position(dst.position() + rowBytes);
            } else if (channels == 3) {
                for (int i = 0; i < rowBytes; i += 3) {
                    dst.put(src.get(from + i + 2)).put(src.get(from + i + 1)).put(src.get(from + i));
                }
            } else {
                for (int i = 0; i < rowBytes; i++) {
                    byte grey = src.get(from + i);
                    dst.put(grey).put(grey).put(grey);
                }
            }
        }
        dst.flip();
        return image;
    }

    /** A {@code sensor_msgs/CompressedImage} body (JPEG or PNG), into an image from {@code pool}. */
    public CameraImage compressedImage(RosCursor c, BufferPool<CameraImage> pool) {
        int formatAt = c.offset();
        String format = c.string("format").toLowerCase(Locale.ROOT);
        int dataAt = c.offset();
        int dataLength = c.arrayLength("data", 1);
        int data = c.absolute();
        c.skip("data", dataLength);
        if (!format.contains("jpeg") && !format.contains("jpg") && !format.contains("png")) {
            throw new RosDecodeException(RejectReason.UNSUPPORTED, "format", formatAt, "'" + format
                    + "' is neither jpeg nor png");
        }
        if (dataLength == 0) {
            throw new RosDecodeException(RejectReason.MALFORMED, "data", dataAt, "no compressed bytes");
        }
        long declaredPixels = declaredPixels(c.buffer(), data, dataLength);
        if (declaredPixels < 0) {
            throw new RosDecodeException(RejectReason.UNREADABLE_FILE, "data", dataAt, "no PNG IHDR or JPEG frame "
                    + "header with a size in these " + dataLength + " bytes");
        }
        CameraImage probe = acquireImage(pool, dataAt);
        long capacityPixels = probe.capacityBytes() / CameraImage.CHANNELS;
        probe.release();
        if (declaredPixels > capacityPixels) {
            throw new RosDecodeException(RejectReason.TOO_LARGE, "data", dataAt, "the " + format + " declares "
                    + declaredPixels + " pixels, the pooled buffer holds " + capacityPixels);
        }
        if (compressedCapacity < dataLength) {
            compressed.close();
            compressed = new BytePointer((long) dataLength);
            compressedCapacity = dataLength;
        }
        ByteBuffer src = c.buffer();
        ByteBuffer native_ = compressed.position(0).limit(dataLength).asByteBuffer();
        native_.put(0, src, data, dataLength);
        try (Mat encoded = new Mat(1, dataLength, CV_8UC1, compressed);
             Mat decoded = imdecode(encoded, IMREAD_COLOR)) {
            if (decoded == null || decoded.empty()) {
                throw new RosDecodeException(RejectReason.UNREADABLE_FILE, "data", dataAt, "OpenCV cannot decode these "
                        + dataLength + " bytes as " + format);
            }
            CameraImage image = acquireImage(pool, dataAt);
            String whyNot = OpenCvImages.whyNotCopyable(decoded, image);
            if (whyNot != null) {
                image.release();
                throw new RosDecodeException(RejectReason.TOO_LARGE, "data", dataAt, whyNot);
            }
            OpenCvImages.copyBgr(decoded, image);
            return image;
        }
    }

    /**
     * Pixels a PNG (IHDR) or JPEG (SOFn) stream declares, read before decoding so that a corrupt header cannot make
     * OpenCV allocate and decode a huge image; -1 when no such header is found.
     */
    static long declaredPixels(ByteBuffer bytes, int from, int length) {
        int end = from + length;
        if (length >= 24 && (bytes.get(from) & 0xff) == 0x89 && bytes.get(from + 1) == 'P' && bytes.get(from + 12) == 'I'
                && bytes.get(from + 13) == 'H' && bytes.get(from + 14) == 'D' && bytes.get(from + 15) == 'R') {
            return bigEndianUint32(bytes, from + 16) * bigEndianUint32(bytes, from + 20);
        }
        if (length < 4 || (bytes.get(from) & 0xff) != 0xFF || (bytes.get(from + 1) & 0xff) != 0xD8) {
            return -1;
        }
        int at = from + 2;
        while (at + 4 <= end) {
            if ((bytes.get(at) & 0xff) != 0xFF) {
                return -1;
            }
            int marker = bytes.get(at + 1) & 0xff;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            int segment = ((bytes.get(at + 2) & 0xff) << 8) | (bytes.get(at + 3) & 0xff);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame) {
                if (at + 9 > end) {
                    return -1;
                }
                long height = ((bytes.get(at + 5) & 0xff) << 8) | (bytes.get(at + 6) & 0xff);
                long width = ((bytes.get(at + 7) & 0xff) << 8) | (bytes.get(at + 8) & 0xff);
                return width * height;
            }
            if (segment < 2) {
                return -1;
            }
            at += 2 + segment;
        }
        return -1;
    }

    private static long bigEndianUint32(ByteBuffer bytes, int at) {
        return ((long) (bytes.get(at) & 0xff) << 24) | ((bytes.get(at + 1) & 0xff) << 16)
                | ((bytes.get(at + 2) & 0xff) << 8) | (bytes.get(at + 3) & 0xff);
    }

    private static CameraImage acquireImage(BufferPool<CameraImage> pool, int at) {
        CameraImage image = pool.acquire();
        if (image == null) {
            throw new RosDecodeException(RejectReason.POOL_EXHAUSTED, "data", at, "every buffer of pool "
                    + pool.name() + " is in use");
        }
        return image;
    }

    @Override
    public void close() {
        compressed.close();
    }
}
