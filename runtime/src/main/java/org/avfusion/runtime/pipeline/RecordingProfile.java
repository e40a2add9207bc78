package org.avfusion.runtime.pipeline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.rig.Rig;
import org.avfusion.calibration.rig.RigSensor;
import org.avfusion.calibration.rig.SensorType;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.recorded.format.RecordingRequest;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.runtime.align.AlignmentConfig;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.config.SensorConfig;
import org.avfusion.runtime.config.VehicleConfig;
import org.avfusion.runtime.ring.RingFullPolicy;

/**
 * The profile a recording is replayed under: the recording's sensors replace the profile's {@code sensors[]} (each
 * taking the time-out, ring policy and criticality of the profile's first sensor of its kind), the lidar becomes the
 * alignment's reference, and the rig (from {@code --rig}, else the recording's own calibration) gives the clock
 * offsets and the lidar mount. A recording without a lidar keeps the profile's lidar as a reference that never
 * speaks, so every decision is the fail-safe STOP it should be.
 */
public final class RecordingProfile {
    private RecordingProfile() {
    }

    /**
     * Pooled point clouds per recorded lidar stream at a finite speed: 800 ms of slack at 10 Hz before a replay drops
     * a sweep (counted as POOL_EXHAUSTED, as on the vehicle). A cold pipeline ({@code --warm-up off}) took 370-485 ms
     * for the KITTI sequence's first sets at {@code --speed 1}: with 4 clouds it lost sweeps 4 and 5, with 8 none.
     * Pools create their buffers as they are needed, so a warm replay at real time makes about 3.
     */
    public static final int CLOUD_BUFFERS = 8;

    /**
     * Pooled point clouds per recorded lidar stream as fast as possible (and in a rehearsal, which runs so): the
     * source waits for a free cloud instead of dropping, so the pool only bounds how far it reads ahead; as many as a
     * live lidar driver pools ({@code ScanAssemblerConfig.DEFAULT_POOLED_CLOUDS}). Each HDL-64E sweep buffer is about
     * 2.9 MB: 8 held up to 12 MB more of a KITTI replay's heap for no throughput (docs/PERFORMANCE.md, "Replay memory
     * on KITTI").
     */
    public static final int CLOUD_BUFFERS_AS_FAST_AS_POSSIBLE =
            org.avfusion.drivers.lidar.ScanAssemblerConfig.DEFAULT_POOLED_CLOUDS;

    /**
     * Pooled images per recorded camera stream: as many as a live camera driver pools
     * ({@code LiveCameraConfig.DEFAULT_MAX_BUFFERS}). The aligner holds a camera's frames until the set they belong to
     * goes out, so when a sweep is missing or cut short its images wait for the next sweep's set: with 4 buffers,
     * two cut sweeps of the KITTI sequence cost two camera frames as well at real time (POOL_EXHAUSTED). Images whose
     * pixels are not decoded take no pixel memory ({@code CameraImage} allocates its buffer on first decode).
     */
    public static final int IMAGE_BUFFERS = org.avfusion.drivers.camera.LiveCameraConfig.DEFAULT_MAX_BUFFERS;

    /**
     * The request a recording is opened with: sensor names from the rig (its one sensor of a kind) or else the
     * profile (its first sensor of a kind); {@link #CLOUD_BUFFERS} and {@link #IMAGE_BUFFERS} (a replay as fast as
     * possible takes {@link #CLOUD_BUFFERS_AS_FAST_AS_POSSIBLE}).
     */
    public static RecordingRequest request(RuntimeConfig profile, Rig rig, double rateHz, Map<String, String> topics) {
        Map<SensorKind, String> names = new EnumMap<>(SensorKind.class);
        for (SensorConfig s : profile.sensors()) {
            names.putIfAbsent(s.kind(), s.name());
        }
        if (rig != null) {
            for (SensorKind kind : SensorKind.values()) {
                List<RigSensor> ofType = rig.sensorsOfType(typeOf(kind));
                if (ofType.size() == 1) {
                    names.put(kind, ofType.get(0).name());
                }
            }
        }
        return new RecordingRequest(names, rateHz, topics, CLOUD_BUFFERS, IMAGE_BUFFERS, true);
    }

    /**
     * Whether a replay under {@code profile} with {@code options} reads camera pixels: camera detection
     * ({@code --model}), a depth model ({@code fusion.depthModel.file}), recording or live view of the inputs
     * ({@code --record}, Foxglove: {@link ReplayJob.Options#record()}) or a sink decorator (fault injection, HIL
     * taps) other than the identity. When false the recording is opened with
     * {@link RecordingRequest#withDecodeImagePixels(boolean) decodeImagePixels} false (KITTI's PNGs are not decoded)
     * and a simulated drive renders no camera image (nor loads OpenCV to paint one): camera frames carry their size
     * only, and any code that would still read their pixels fails loudly
     * ({@link org.avfusion.drivers.frame.CameraImage#pixels()} throws).
     */
    public static boolean readsImagePixels(RuntimeConfig profile, ReplayJob.Options options) {
        return options.detection() != null || options.record() != null
                || profile.fusion().depthModel().configured()
                || options.sinkDecorator() != UnaryOperator.<FrameSink>identity();
    }

    /**
     * The profile for a recording with {@code sensors}.
     *
     * @param rig       calibration to apply, or null for the profile's mount and zero clock offsets
     * @param rigSource names the rig in messages
     * @throws ConfigException when the rig lacks a sensor the recording has (naming both)
     */
    public static RuntimeConfig forRecording(RuntimeConfig profile, List<SensorId> sensors, Rig rig, String rigSource) {
        Map<String, SensorType> used = new LinkedHashMap<>();
        sensors.forEach(s -> used.put(s.name(), typeOf(s.kind())));
        if (rig != null) {
            try {
                rig.requireSensors(used, "the recording");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(rigSource + ": " + e.getMessage() + " (give a rig with these sensors, "
                        + "--rig FILE)", e);
            }
        }
        List<SensorConfig> configured = new ArrayList<>();
        SensorId lidar = sensors.stream().filter(s -> s.kind() == SensorKind.LIDAR).findFirst().orElse(null);
        if (lidar == null) {
            SensorConfig placeholder = template(profile, SensorKind.LIDAR);
            configured.add(placeholder);
        }
        for (SensorId s : sensors) {
            SensorConfig t = template(profile, s.kind());
            double offsetMillis = rig == null ? 0.0 : rig.sensor(s.name()).clockOffset().offsetNanos() / 1e6;
            configured.add(new SensorConfig(s.name(), s.kind(), offsetMillis, t.timeoutMillis(), t.ringFullPolicy(),
                    t.critical()));
        }
        String reference = lidar == null ? configured.get(0).name() : lidar.name();
        AlignmentConfig a = profile.alignment();
        AlignmentConfig alignment = new AlignmentConfig(reference, a.cameraToleranceMillis(), a.maxWaitMillis(),
                a.poseMaxGapMillis(), a.historyMillis());
        VehicleConfig v = profile.vehicle();
        VehicleConfig.MountConfig mount = v.lidarMount();
        if (rig != null && lidar != null) {
            RigidTransform t = rig.baseFromSensor(lidar.name());
            double[] rpy = t.rollPitchYawRad();
            mount = new VehicleConfig.MountConfig(t.txMeters(), t.tyMeters(), t.tzMeters(), Math.toDegrees(rpy[0]),
                    Math.toDegrees(rpy[1]), Math.toDegrees(rpy[2]));
        }
        VehicleConfig vehicle = new VehicleConfig(v.id(), v.lengthMeters(), v.widthMeters(), v.rearOverhangMeters(),
                mount, "");
        RuntimeConfig withReference = new RuntimeConfig(profile.vehicle(), profile.ring(), configured, alignment,
                profile.perception(), profile.occupancy(), profile.decision(), profile.mqtt(),
                org.avfusion.runtime.config.LiveConfig.NONE, profile.map(), profile.ego(), profile.fusion(),
                profile.tracker(), profile.traffic(), profile.deadline());
        return withReference.withVehicleAndSensors(vehicle, configured);
    }

    /** The profile with every sensor's ring policy BLOCK: a replay at full speed loses nothing. */
    public static RuntimeConfig blocking(RuntimeConfig config) {
        List<SensorConfig> sensors = config.sensors().stream().map(s -> new SensorConfig(s.name(), s.kind(),
                s.clockOffsetMillis(), s.timeoutMillis(), RingFullPolicy.BLOCK, s.critical())).toList();
        return config.withVehicleAndSensors(config.vehicle(), sensors);
    }

    private static SensorConfig template(RuntimeConfig profile, SensorKind kind) {
        return profile.sensors().stream().filter(s -> s.kind() == kind).findFirst()
                .orElse(new SensorConfig(kind.name().toLowerCase(java.util.Locale.ROOT), kind, 0, 500,
                        kind == SensorKind.LIDAR ? RingFullPolicy.BLOCK : RingFullPolicy.DROP_NEWEST,
                        kind == SensorKind.LIDAR));
    }

    static SensorType typeOf(SensorKind kind) {
        return switch (kind) {
            case LIDAR -> SensorType.LIDAR;
            case CAMERA -> SensorType.CAMERA;
            case GNSS -> SensorType.GNSS;
            case IMU -> SensorType.IMU;
            case ODOMETRY -> SensorType.ODOMETRY;
        };
    }
}
