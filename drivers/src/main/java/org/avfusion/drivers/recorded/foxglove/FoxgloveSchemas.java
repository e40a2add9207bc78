package org.avfusion.drivers.recorded.foxglove;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schema texts of the message schemas avfusion records, by schema name ({@code foxglove.Grid},
 * {@code avfusion.Imu}): the Foxglove ones copied from {@code @foxglove/schemas} 2.1.0 (MIT), ours beside them.
 * Thread-safe; each text is read once from the class path.
 */
public final class FoxgloveSchemas {
    /** MCAP schema encoding of every schema here. */
    public static final String ENCODING = "jsonschema";
    /** MCAP message encoding of every channel we record. */
    public static final String MESSAGE_ENCODING = "json";

    public static final String POINT_CLOUD = "foxglove.PointCloud";
    public static final String COMPRESSED_IMAGE = "foxglove.CompressedImage";
    public static final String LOCATION_FIX = "foxglove.LocationFix";
    public static final String SCENE_UPDATE = "foxglove.SceneUpdate";
    public static final String GRID = "foxglove.Grid";
    public static final String FRAME_TRANSFORM = "foxglove.FrameTransform";
    public static final String IMAGE_ANNOTATIONS = "foxglove.ImageAnnotations";
    public static final String IMU = "avfusion.Imu";
    public static final String TWIST = "avfusion.Twist";

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private FoxgloveSchemas() {
    }

    /**
     * The schema text of {@code name} from the class path resource {@code schemas/NAME.json} next to
     * {@code anchor}.
     *
     * @throws IllegalArgumentException when there is no such schema
     */
    public static byte[] load(Class<?> anchor, String name) {
        return CACHE.computeIfAbsent(anchor.getPackageName() + "/" + name, k -> {
            try (InputStream in = anchor.getResourceAsStream("schemas/" + name + ".json")) {
                if (in == null) {
                    throw new IllegalArgumentException("no schema '" + name + "' in " + anchor.getPackageName()
                            + "/schemas");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + name, e);
            }
        }).clone();
    }

    /** A schema of this package (foxglove.*, avfusion.Imu or avfusion.Twist). */
    public static byte[] of(String name) {
        return load(FoxgloveSchemas.class, name);
    }
}
