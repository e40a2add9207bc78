package org.avfusion.drivers.recorded.foxglove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.avfusion.drivers.camera.OpenCvImages;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FixMode;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.TwistSample;
import org.avfusion.drivers.frame.PointCloud;
import java.util.function.Supplier;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes what {@link InputEncoder} wrote back into frames. Each method throws {@link BadMessage} naming the field at
 * fault; pooled payloads come from the suppliers given (a pool's acquire, null when exhausted) and belong to the caller. Stateless apart from Jackson's
 * (thread-safe) mapper.
 */
public final class InputDecoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A message that is not what its schema promises; names the field. */
    public static final class BadMessage extends Exception {
        private final boolean tooLarge;

        BadMessage(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        /** True when the frame is well formed but does not fit a pooled buffer. */
        public boolean tooLarge() {
            return tooLarge;
        }
    }

    private InputDecoder() {
    }

    public static JsonNode parse(byte[] json) throws BadMessage {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isObject()) {
                throw new BadMessage("not a JSON object", false);
            }
            return n;
        } catch (IOException e) {
            throw new BadMessage("not JSON: " + e.getMessage(), false);
        }
    }

    /** {@code timestamp} as nanoseconds. */
    public static long stampNanos(JsonNode m) throws BadMessage {
        JsonNode t = m.get("timestamp");
        if (t == null || !t.path("sec").canConvertToLong() || !t.path("nsec").canConvertToLong()) {
            throw new BadMessage("timestamp {sec, nsec} missing", false);
        }
        long nsec = t.get("nsec").asLong();
        if (nsec < 0 || nsec > 999_999_999) {
            throw new BadMessage("timestamp.nsec " + nsec + " out of [0, 999999999]", false);
        }
        return t.get("sec").asLong() * 1_000_000_000L + nsec;
    }

    /** A foxglove.PointCloud in our packed layout; null when the pool is exhausted. */
    public static PointCloud pointCloud(JsonNode m, Supplier<PointCloud> pool) throws BadMessage {
        if (m.path("point_stride").asInt() != InputEncoder.POINT_STRIDE) {
            throw new BadMessage("point_stride " + m.path("point_stride") + " is not " + InputEncoder.POINT_STRIDE
                    + " (not an avfusion recording's layout)", false);
        }
        byte[] data = binary(m, "data");
        if (data.length % InputEncoder.POINT_STRIDE != 0) {
            throw new BadMessage("data has " + data.length + " bytes, not a multiple of the point stride", false);
        }
        int n = data.length / InputEncoder.POINT_STRIDE;
        PointCloud cloud = pool.get();
        if (cloud == null) {
            return null;
        }
        if (n > cloud.capacity()) {
            cloud.release();
            throw new BadMessage(n + " points, more than a pooled cloud holds (" + cloud.capacity() + ")", true);
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            float x = b.getFloat();
            float y = b.getFloat();
            float z = b.getFloat();
            float intensity = b.getFloat();
            int offset = b.getInt();
            int ring = Short.toUnsignedInt(b.getShort());
            b.getShort();
            cloud.add(x, y, z, intensity, offset, ring);
        }
        return cloud;
    }

    /** A foxglove.CompressedImage (any format OpenCV decodes); null when the pool is exhausted. */
    public static CameraImage image(JsonNode m, Supplier<CameraImage> pool) throws BadMessage {
        byte[] data = binary(m, "data");
        try (BytePointer bytes = new BytePointer(data); Mat encoded = new Mat(1, data.length,
                org.bytedeco.opencv.global.opencv_core.CV_8UC1, bytes);
                Mat mat = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR)) {
            CameraImage image = pool.get();
            if (image == null) {
                return null;
            }
            String why = OpenCvImages.whyNotCopyable(mat, image);
            if (why != null) {
                image.release();
                throw new BadMessage("image (" + m.path("format").asText() + "): " + why, mat != null && !mat.empty());
            }
            OpenCvImages.copyBgr(mat, image);
            return image;
        }
    }

    /** A foxglove.LocationFix; exact from its {@code avfusion} object when present. */
    public static GnssFix gnss(JsonNode m) throws BadMessage {
        JsonNode a = m.get("avfusion");
        try {
            if (a == null) {
                return new GnssFix(GnssFix.UNKNOWN_TIME, number(m, "latitude"), number(m, "longitude"),
                        number(m, "altitude"), Double.NaN, Double.NaN, FixMode.FIX_3D, Double.NaN, -1);
            }
            JsonNode utc = a.path("utc_epoch_millis");
            return new GnssFix(utc.canConvertToLong() ? utc.asLong() : GnssFix.UNKNOWN_TIME,
                    number(a, "latitude_deg"), number(a, "longitude_deg"), number(a, "altitude_msl_meters"),
                    number(a, "speed_meters_per_second"), number(a, "track_deg"),
                    FixMode.valueOf(a.path("mode").asText("FIX_3D")), number(a, "hdop"),
                    a.path("satellites_used").asInt(-1));
        } catch (IllegalArgumentException e) {
            throw new BadMessage("location fix: " + e.getMessage(), false);
        }
    }

    /** An avfusion.Imu. */
    public static ImuSample imu(JsonNode m) throws BadMessage {
        JsonNode w = m.path("angular_velocity");
        JsonNode a = m.path("linear_acceleration");
        try {
            return new ImuSample(number(w, "x"), number(w, "y"), number(w, "z"), number(a, "x"), number(a, "y"),
                    number(a, "z"));
        } catch (IllegalArgumentException e) {
            throw new BadMessage("imu: " + e.getMessage(), false);
        }
    }

    /** An avfusion.Twist (a null or absent yaw rate: the source had none). */
    public static TwistSample twist(JsonNode m) throws BadMessage {
        try {
            return new TwistSample(number(m, "forward_speed"), number(m, "yaw_rate"));
        } catch (IllegalArgumentException e) {
            throw new BadMessage("twist: " + e.getMessage(), false);
        }
    }

    /** A number field; null and absent read as NaN. */
    private static double number(JsonNode m, String field) throws BadMessage {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new BadMessage("field " + field + " is " + v + ", not a number", false);
        }
        return v.asDouble();
    }

    private static byte[] binary(JsonNode m, String field) throws BadMessage {
        JsonNode v = m.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadMessage("field " + field + " (base64) missing", false);
        }
        try {
            return v.binaryValue();
        } catch (IOException e) {
            throw new BadMessage("field " + field + " is not base64: " + e.getMessage(), false);
        }
    }
}
