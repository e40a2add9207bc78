package org.avfusion.drivers.recorded.foxglove;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.TwistSample;
import org.avfusion.drivers.frame.PointCloud;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes the runtime's input frames as Foxglove messages in JSON: a lidar sweep as foxglove.PointCloud (x, y, z,
 * intensity float32, time_offset_nanos int32, ring uint16, little endian, {@link #POINT_STRIDE} bytes a point), a
 * camera image as foxglove.CompressedImage (JPEG by OpenCV), a GNSS fix as foxglove.LocationFix plus an
 * {@code avfusion} object holding every field of {@link GnssFix} (so the replay is exact), an IMU sample as
 * avfusion.Imu, an odometry twist as avfusion.Twist. Stamps are the frames' own ({@code timestamp} = sec + nsec of {@code stampNanos}, floor division).
 *
 * <p>Not thread-safe: one per writer thread (it reuses its output buffer). Each call returns a new array.
 */
public final class InputEncoder {
    /** Bytes per packed point. */
    public static final int POINT_STRIDE = 24;
    static final int UINT16 = 3;
    static final int INT32 = 6;
    static final int FLOAT32 = 7;

    private static final JsonFactory JSON = new JsonFactory();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    private final int jpegQuality;

    /** @param jpegQuality OpenCV's IMWRITE_JPEG_QUALITY, in [1, 100] */
    public InputEncoder(int jpegQuality) {
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpegQuality must be in [1, 100], was " + jpegQuality);
        }
        this.jpegQuality = jpegQuality;
    }

    /** Copies a cloud's points into the packed layout (the producer's copy: the cloud may go back to its pool). */
    public static byte[] pack(PointCloud cloud) {
        int n = cloud.size();
        ByteBuffer b = ByteBuffer.allocate(n * POINT_STRIDE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(cloud.x(i)).putFloat(cloud.y(i)).putFloat(cloud.z(i)).putFloat(cloud.intensity(i))
                    .putInt(cloud.timeOffsetNanos(i)).putShort((short) cloud.ring(i)).putShort((short) 0);
        }
        return b.array();
    }

    /** @param packed points as {@link #pack} lays them out */
    public byte[] pointCloud(String frameId, long stampNanos, byte[] packed) {
        try (JsonGenerator g = begin()) {
            header(g, frameId, stampNanos);
            g.writeObjectFieldStart("pose");
            identityPose(g);
            g.writeEndObject();
            g.writeNumberField("point_stride", POINT_STRIDE);
            g.writeArrayFieldStart("fields");
            field(g, "x", 0, FLOAT32);
            field(g, "y", 4, FLOAT32);
            field(g, "z", 8, FLOAT32);
            field(g, "intensity", 12, FLOAT32);
            field(g, "time_offset_nanos", 16, INT32);
            field(g, "ring", 20, UINT16);
            g.writeEndArray();
            g.writeFieldName("data");
            g.writeBinary(packed);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Identity orientation and zero position, for {@code pose} fields. */
    public static void identityPose(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("position");
        g.writeNumberField("x", 0);
        g.writeNumberField("y", 0);
        g.writeNumberField("z", 0);
        g.writeEndObject();
        g.writeObjectFieldStart("orientation");
        g.writeNumberField("x", 0);
        g.writeNumberField("y", 0);
        g.writeNumberField("z", 0);
        g.writeNumberField("w", 1);
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, String name, int offset, int type) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeNumberField("offset", offset);
        g.writeNumberField("type", type);
        g.writeEndObject();
    }

    /** JPEG-encodes a packed BGR image ({@code width * height * 3} bytes). */
    public byte[] image(String frameId, long stampNanos, byte[] bgr, int width, int height) {
        byte[] jpeg = jpeg(bgr, width, height, jpegQuality);
        try (JsonGenerator g = begin()) {
            header(g, frameId, stampNanos);
            g.writeStringField("format", "jpeg");
            g.writeFieldName("data");
            g.writeBinary(jpeg);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** JPEG bytes of a packed BGR image. */
    public static byte[] jpeg(byte[] bgr, int width, int height, int quality) {
        if ((long) width * height * 3 != bgr.length) {
            throw new IllegalArgumentException("image " + width + "x" + height + " needs " + (width * height * 3)
                    + " bytes, got " + bgr.length);
        }
        try (BytePointer pixels = new BytePointer(bgr);
                Mat mat = new Mat(height, width, opencv_core.CV_8UC3, pixels);
                BytePointer encoded = new BytePointer();
                IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality)) {
            if (!opencv_imgcodecs.imencode(".jpg", mat, encoded, params)) {
                throw new IllegalStateException("OpenCV could not encode a " + width + "x" + height + " JPEG");
            }
            byte[] jpeg = new byte[(int) encoded.limit()];
            encoded.get(jpeg);
            return jpeg;
        }
    }

    public byte[] gnss(String frameId, long stampNanos, GnssFix fix) {
        try (JsonGenerator g = begin()) {
            header(g, frameId, stampNanos);
            g.writeNumberField("latitude", finiteOr0(fix.latitudeDeg()));
            g.writeNumberField("longitude", finiteOr0(fix.longitudeDeg()));
            g.writeNumberField("altitude", finiteOr0(fix.altitudeMslMeters()));
            g.writeArrayFieldStart("position_covariance");
            double h = Double.isFinite(fix.hdop()) ? fix.hdop() * fix.hdop() : 0;
            for (int i = 0; i < 9; i++) {
                g.writeNumber(i == 0 || i == 4 ? h : i == 8 ? 4 * h : 0);
            }
            g.writeEndArray();
            g.writeNumberField("position_covariance_type", Double.isFinite(fix.hdop()) ? 1 : 0);
            g.writeObjectFieldStart("avfusion");
            if (fix.utcEpochMillis() == GnssFix.UNKNOWN_TIME) {
                g.writeNullField("utc_epoch_millis");
            } else {
                g.writeNumberField("utc_epoch_millis", fix.utcEpochMillis());
            }
            number(g, "latitude_deg", fix.latitudeDeg());
            number(g, "longitude_deg", fix.longitudeDeg());
            number(g, "altitude_msl_meters", fix.altitudeMslMeters());
            number(g, "speed_meters_per_second", fix.speedMetersPerSecond());
            number(g, "track_deg", fix.trackDeg());
            g.writeStringField("mode", fix.mode().name());
            number(g, "hdop", fix.hdop());
            g.writeNumberField("satellites_used", fix.satellitesUsed());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public byte[] imu(String frameId, long stampNanos, ImuSample s) {
        try (JsonGenerator g = begin()) {
            header(g, frameId, stampNanos);
            g.writeObjectFieldStart("angular_velocity");
            g.writeNumberField("x", s.gyroXRadPerSec());
            g.writeNumberField("y", s.gyroYRadPerSec());
            g.writeNumberField("z", s.gyroZRadPerSec());
            g.writeEndObject();
            g.writeObjectFieldStart("linear_acceleration");
            g.writeNumberField("x", s.accelXMetersPerSec2());
            g.writeNumberField("y", s.accelYMetersPerSec2());
            g.writeNumberField("z", s.accelZMetersPerSec2());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An avfusion.Twist; a missing yaw rate is written as null. */
    public byte[] twist(String frameId, long stampNanos, TwistSample s) {
        try (JsonGenerator g = begin()) {
            header(g, frameId, stampNanos);
            g.writeNumberField("forward_speed", s.forwardSpeedMetersPerSec());
            if (s.hasYawRate()) {
                g.writeNumberField("yaw_rate", s.yawRateRadPerSec());
            } else {
                g.writeNullField("yaw_rate");
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private JsonGenerator begin() throws IOException {
        out.reset();
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
        g.writeStartObject();
        return g;
    }

    /** Writes {@code timestamp} (sec, nsec of {@code stampNanos}) and {@code frame_id}. */
    public static void header(JsonGenerator g, String frameId, long stampNanos) throws IOException {
        timestamp(g, "timestamp", stampNanos);
        g.writeStringField("frame_id", frameId);
    }

    public static void timestamp(JsonGenerator g, String field, long stampNanos) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("sec", Math.floorDiv(stampNanos, 1_000_000_000L));
        g.writeNumberField("nsec", Math.floorMod(stampNanos, 1_000_000_000L));
        g.writeEndObject();
    }

    /** A number, or null when NaN or infinite (JSON has neither). */
    public static void number(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(field, v);
        } else {
            g.writeNullField(field);
        }
    }

    private static double finiteOr0(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
