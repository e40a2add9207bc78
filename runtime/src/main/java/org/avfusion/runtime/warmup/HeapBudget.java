package org.avfusion.runtime.warmup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.LiveSourceConfig;
import org.avfusion.runtime.config.RuntimeConfig;

/**
 * Start-up estimate of the heap a configuration needs, checked against the JVM's maximum heap
 * ({@link Runtime#maxMemory()}) before the pipeline is built, so that settings which together do not fit are refused
 * with their numbers instead of ending in an {@link OutOfMemoryError} minutes into a drive (issue #17, "Bad
 * input": settings that would break the budget are reported at start-up). Each setting's range alone fits the
 * launcher's smallest heap (96 MB); several near their maxima together did not (a 2026-12 probe: ring, occupancy
 * grid, tracker, fusion and ego history near their maxima ended a simulated replay in an OutOfMemoryError after 2 s).
 *
 * <p><b>The estimate</b> is the measured live set of the default profile for the kind of input
 * ({@link Input}: full-GC class histograms, 2026-12-05), plus what the profile's settings add over the defaults',
 * plus what is not in those runs at all (a detection model, MQTT outbox entries beyond the default's, a recording's
 * queue, live sensors' buffer pools). Per-unit costs were measured by the bytes the JVM allocated while building a
 * pipeline at two values of each setting ({@code HeapBudgetTest} measures them again on every build, so that a
 * change to a structure's layout that the constants here do not follow fails a test). Pools count at the number of
 * buffers the measured runs held, not their maximum; growth that depends on the data (obstacles per slot, detections
 * per image) is not counted, nor is the alignment history (a few hundred KB at its 60 s maximum).
 *
 * <p><b>The verdict:</b> above {@link #REFUSE_FRACTION} of the maximum heap the runtime refuses to start
 * ({@link ConfigException}: the vehicle is not driven on settings that will run out of memory); above
 * {@link #WARN_FRACTION} it starts with a warning (collections will be frequent and a longer outage or a busier
 * scene may not fit). G1 needs room beyond the live set for the objects each set allocates and for evacuation.
 *
 * <p>Pure computation on the configuration; thread-safe.
 */
public final class HeapBudget {
    /** What feeds the pipeline: the measured live set of the default profile differs by input. */
    public enum Input {
        /** The built-in simulator (live set 47.5 MB, pedestrian-crossing at --speed 0.5, 6 s in). */
        SIMULATED(48L << 20),
        /**
         * A recorded drive, lidar only: HDL-64E sweeps of ~120,000 points, KITTI raw 61-81 MB at --speed 0.5 and 84 MB
         * as fast as possible, the KITTI tracking PCD folder 96 MB as fast as possible (full-GC histograms).
         */
        RECORDING(100L << 20),
        /** `run` on live sensors: the pipeline as for the simulator; the sources' pools are counted as items. */
        LIVE(48L << 20);

        final long baseBytes;

        Input(long baseBytes) {
            this.baseBytes = baseBytes;
        }
    }

    /** Refuse to start when the estimate is above this fraction of the maximum heap. */
    public static final double REFUSE_FRACTION = 0.85;
    /** Warn when the estimate is above this fraction of the maximum heap. */
    public static final double WARN_FRACTION = 0.70;

    // Per-unit costs (bytes), measured by allocation while building a Pipeline (HeapBudgetTest checks them).
    /** A ring slot without a detector (frame, set and decision fields). */
    static final long RING_SLOT_BYTES = 1_320;
    /** A ring slot's detection list with a detector (128 entries; 13 MB at 4,096 slots). */
    static final long RING_SLOT_DETECTION_BYTES = 3_200;
    /**
     * An occupancy cell as built: a float in the working grid and in each of the 4 pooled snapshots, and the fuse
     * stage's scratch, sized at construction so that the first sweeps allocate nothing: the grid move's copy (a float),
     * the integration's marks and the obstacle extraction's labels and stack (an int each).
     */
    static final long OCCUPANCY_CELL_BUILT_BYTES = 20 + 16;
    /**
     * ...in 2 more grids while the warm-up runs (7 in a heap dump taken then), and in the occupancy JSON of a
     * decision in flight (600 KB for the default 76,800 cells).
     */
    static final long OCCUPANCY_CELL_BYTES = OCCUPANCY_CELL_BUILT_BYTES + 8 + 8;
    /** A track slot: the tracker's state and covariance, the track lists and the pooled snapshots. */
    static final long TRACK_BYTES = 1_465;
    /** A measurement slot of the tracker. */
    static final long MEASUREMENT_BYTES = 147;
    /** The tracker's cost matrix: one double per track and measurement. */
    static final long COST_BYTES = 8;
    /**
     * Track stages alive at once: the pipeline's and the warm-up's fresh one (its tracker, fused objects and detection
     * depth: two of each in a heap dump taken during the warm-up). Counted always, also where the warm-up is skipped
     * (as fast as possible): the estimate errs on the side of the vehicle.
     */
    static final int TRACK_STAGE_COPIES = 2;
    /** fusion.maxDepthPixelsPerBox: a float of values and one of the mode's work array per pixel. */
    static final long DEPTH_PIXEL_BYTES = 8;
    /** fusion.maxObjects: a fused object's columns. */
    static final long FUSED_OBJECT_BYTES = 79;
    /** A cell of the perception's polar ground grid (azimuthBins x maxRangeMeters / rangeBinMeters). */
    static final long POLAR_CELL_BYTES = 5;
    /**
     * An azimuth bin: the pooled obstacle scans' per-bin columns and the grid's per-bin arrays (1,250 bytes), and the
     * polar ground grid's four per-sector doubles (its walk's state, its boundaries' unit vectors).
     */
    static final long AZIMUTH_BIN_BYTES = 1_250 + 4 * 8;
    /** An ego filter history entry (state, covariance and the measurement). */
    static final long EGO_HISTORY_BYTES = 500;
    /**
     * A decision held by the MQTT outbox while the broker does not acknowledge: its JSON (1,059 bytes on average and
     * 1,063 at most over 50 decisions of pedestrian-crossing, by mosquitto_sub), the array's header and the entry;
     * file-backed outboxes hold them in memory too.
     */
    static final long OUTBOX_DECISION_BYTES = 1_150;
    /**
     * A camera detector: its session's input and output tensors on the heap, the detect stage's cache and the default
     * ring's detection lists (measured: KITTI with YOLOX-Nano 109 MB live against 61 MB without).
     */
    static final long DETECTOR_BYTES = 48L << 20;
    /** A pooled lidar point: x, y, z, intensity (floats), time offset (int), ring (short). */
    static final long CLOUD_POINT_BYTES = 22;
    /** Points of a live lidar's pooled cloud when maxPointsPerScan is not set: the Velodyne decoder's largest. */
    static final int DEFAULT_MAX_POINTS_PER_SCAN = 278_000;
    /** Images an FFmpeg camera source pools. */
    static final int CAMERA_BUFFERS = org.avfusion.drivers.camera.LiveCameraConfig.DEFAULT_MAX_BUFFERS;

    private static volatile RuntimeConfig defaults;

    private HeapBudget() {
    }

    /** One line of the estimate: what, the settings that size it, and the bytes it adds (negative: saves). */
    public record Item(String what, String settings, long bytes) {
    }

    /**
     * @param input         what feeds the pipeline
     * @param baseBytes     the default profile's measured live set for that input
     * @param items         what the settings add, largest first
     * @param totalBytes    the estimate: base plus items (at least half the base)
     * @param maxHeapBytes  the JVM's maximum heap
     */
    public record Estimate(Input input, long baseBytes, List<Item> items, long totalBytes, long maxHeapBytes) {
        public Estimate {
            items = List.copyOf(items);
        }

        /** The estimate as a fraction of the maximum heap. */
        public double fraction() {
            return (double) totalBytes / maxHeapBytes;
        }

        /** The estimate in words: total, heap, base and the items that add most. */
        public String describe() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "the settings need about %s of heap (%.0f %% of this JVM's maximum %s): %s for the default "
                            + "profile's pipeline on %s", mib(totalBytes), Math.ceil(100 * fraction()),
                    mib(maxHeapBytes), mib(baseBytes), input.name().toLowerCase(Locale.ROOT) + " input"));
            int shown = 0;
            for (Item i : items) {
                if (i.bytes() < (1L << 20) || shown == 5) {
                    break;
                }
                b.append(shown == 0 ? ", plus " : ", ").append(i.what()).append(' ').append(mib(i.bytes()))
                        .append(" (").append(i.settings()).append(')');
                shown++;
            }
            return b.toString();
        }
    }

    /**
     * The estimate for {@code config} on {@code input}.
     *
     * @param detector         a camera detection model is loaded
     * @param recordQueueBytes the recorder's queue bound when recording (MCAP), else 0
     * @param maxHeapBytes     the heap to compare with ({@link Runtime#maxMemory()})
     */
    public static Estimate estimate(RuntimeConfig config, Input input, boolean detector, long recordQueueBytes,
            long maxHeapBytes) {
        RuntimeConfig d = defaults();
        List<Item> items = new ArrayList<>();
        // with a detector each slot also holds a detection list; at the default ring size that is in DETECTOR_BYTES
        long slot = RING_SLOT_BYTES + (detector ? RING_SLOT_DETECTION_BYTES : 0);
        add(items, "ring slots", "ring.size " + config.ring().size(),
                ((long) config.ring().size() - d.ring().size()) * slot);
        long cells = config.occupancy().cellCount();
        add(items, "occupancy grids", cells + " cells of occupancy.cellSizeMeters, forwardMeters, backwardMeters, "
                + "lateralMeters", (cells - d.occupancy().cellCount()) * OCCUPANCY_CELL_BYTES);
        add(items, "occupancy ray table", "perception.azimuthBins " + config.perception().azimuthBins()
                + " x the cells a ray crosses (occupancy.cellSizeMeters, freeRayMaxMeters, the grid, the lidar mount)",
                rayTableBytes(config) - rayTableBytes(d));
        long n = config.tracker().maxTracks();
        long m = config.tracker().maxMeasurements();
        long dn = d.tracker().maxTracks();
        long dm = d.tracker().maxMeasurements();
        // the track stage's structures twice: the warm-up runs a fresh track stage beside the pipeline's
        add(items, "tracker", "tracker.maxTracks " + n + " x maxMeasurements " + m, TRACK_STAGE_COPIES
                * ((n - dn) * TRACK_BYTES + (m - dm) * MEASUREMENT_BYTES + (n * m - dn * dm) * COST_BYTES));
        add(items, "detection depth", "fusion.maxDepthPixelsPerBox " + config.fusion().maxDepthPixelsPerBox(),
                TRACK_STAGE_COPIES * ((long) config.fusion().maxDepthPixelsPerBox()
                        - d.fusion().maxDepthPixelsPerBox()) * DEPTH_PIXEL_BYTES);
        add(items, "fused objects", "fusion.maxObjects " + config.fusion().maxObjects(), TRACK_STAGE_COPIES
                * ((long) config.fusion().maxObjects() - d.fusion().maxObjects()) * FUSED_OBJECT_BYTES);
        long polar = polarCells(config);
        add(items, "ground grid", polar + " cells of perception.azimuthBins x maxRangeMeters / rangeBinMeters",
                (polar - polarCells(d)) * POLAR_CELL_BYTES
                        + ((long) config.perception().azimuthBins() - d.perception().azimuthBins())
                        * AZIMUTH_BIN_BYTES);
        add(items, "ego history", "ego.filter.historyLength " + config.ego().filter().historyLength(),
                ((long) config.ego().filter().historyLength() - d.ego().filter().historyLength())
                        * EGO_HISTORY_BYTES);
        add(items, "MQTT outbox when the broker is away", "mqtt.outboxCapacity " + config.mqtt().outboxCapacity(),
                ((long) config.mqtt().outboxCapacity() - d.mqtt().outboxCapacity()) * OUTBOX_DECISION_BYTES);
        if (detector) {
            add(items, "detection model", "--model", DETECTOR_BYTES);
        }
        if (recordQueueBytes > 0) {
            add(items, "recorder queue", "the recording's queue bound", recordQueueBytes);
        }
        if (input == Input.LIVE) {
            List<LiveSourceConfig> sources = config.live().sources();
            for (int i = 0; i < sources.size(); i++) {
                liveSource(items, "live.sources[" + i + "]", sources.get(i));
            }
        }
        items.sort(Comparator.comparingLong(Item::bytes).reversed());
        long total = input.baseBytes;
        for (Item i : items) {
            total += i.bytes();
        }
        return new Estimate(input, input.baseBytes, items, Math.max(input.baseBytes / 2, total), maxHeapBytes);
    }

    /**
     * Checks {@code config} against this JVM's maximum heap: refuses (a {@link ConfigException} naming the settings)
     * above {@link #REFUSE_FRACTION}, returns a warning line above {@link #WARN_FRACTION}, else nothing.
     */
    public static List<String> check(RuntimeConfig config, Input input, boolean detector, long recordQueueBytes) {
        return check(estimate(config, input, detector, recordQueueBytes, Runtime.getRuntime().maxMemory()));
    }

    /** The verdict on {@code e}; see {@link #check(RuntimeConfig, Input, boolean, long)}. */
    public static List<String> check(Estimate e) {
        if (e.fraction() > REFUSE_FRACTION) {
            throw new ConfigException(String.format(Locale.ROOT, "heap too small for these settings: %s; more than "
                    + "%.0f %% of the heap leaves too little for the objects each set allocates, and the runtime would"
                    + " run out of memory on the road. Lower the settings named, or give the JVM more heap (the "
                    + "launcher: AVFUSION_JAVA_OPTS=-Xmx%dm; java: -Xmx%dm)", e.describe(), 100 * REFUSE_FRACTION,
                    suggestedHeapMib(e), suggestedHeapMib(e)));
        }
        if (e.fraction() > WARN_FRACTION) {
            return List.of(String.format(Locale.ROOT, "heap nearly full: %s; above %.0f %% of the heap, collections "
                    + "will be frequent (the launcher: AVFUSION_JAVA_OPTS=-Xmx%dm gives room)", e.describe(),
                    100 * WARN_FRACTION, suggestedHeapMib(e)));
        }
        return List.of();
    }

    /**
     * The launcher's maximum heaps (src/main/dist/avfusion, whose flags {@code LauncherJvmOptionsTest} checks): a
     * simulated drive without a model 96 MB, a recording or a model 256 MB, {@code run} on live sensors 384 MB.
     */
    static final long LAUNCHER_SIMULATED_BYTES = 96L << 20;
    static final long LAUNCHER_BYTES = 256L << 20;
    static final long LAUNCHER_LIVE_BYTES = 384L << 20;

    /**
     * For {@code config check}: the uses of {@code config} that start-up would refuse under the launcher's heaps
     * (without a model or a recording's queue), in one line, or null when it fits them all.
     */
    public static String launcherNote(RuntimeConfig config) {
        record Use(Input input, long heapBytes, String what) {
        }
        List<Use> uses = new ArrayList<>(List.of(new Use(Input.SIMULATED, LAUNCHER_SIMULATED_BYTES,
                "a simulated drive"), new Use(Input.RECORDING, LAUNCHER_BYTES, "a recorded drive")));
        if (!config.live().sources().isEmpty()) {
            uses.add(new Use(Input.LIVE, LAUNCHER_LIVE_BYTES, "run on its live sensors"));
        }
        List<String> refused = new ArrayList<>();
        Estimate largest = null;
        for (Use use : uses) {
            Estimate e = estimate(config, use.input(), false, 0, use.heapBytes());
            if (e.fraction() > REFUSE_FRACTION) {
                refused.add(String.format(Locale.ROOT, "%s (about %s, %.0f %% of the launcher's %s)", use.what(),
                        mib(e.totalBytes()), Math.ceil(100 * e.fraction()), mib(e.maxHeapBytes())));
                largest = e;
            }
        }
        if (refused.isEmpty()) {
            return null;
        }
        return "heap: start-up would refuse " + String.join(", ", refused) + ": " + largest.describe()
                + " (more heap: AVFUSION_JAVA_OPTS=-Xmx" + suggestedHeapMib(largest) + "m)";
    }

    /** A heap at which {@code e} is under the warning fraction, MiB, rounded up to 32. */
    static long suggestedHeapMib(Estimate e) {
        long mib = (long) Math.ceil(e.totalBytes() / WARN_FRACTION / (1 << 20));
        return (mib + 31) / 32 * 32;
    }

    private static void liveSource(List<Item> items, String key, LiveSourceConfig s) {
        if (s instanceof LiveSourceConfig.UdpLidar lidar) {
            long points = lidar.maxPointsPerScan() != null ? lidar.maxPointsPerScan() : DEFAULT_MAX_POINTS_PER_SCAN;
            add(items, "lidar " + s.sensor() + "'s pooled sweeps", key + ".pooledClouds " + lidar.pooledClouds()
                    + " x maxPointsPerScan " + points, lidar.pooledClouds() * points * CLOUD_POINT_BYTES);
        } else if (s instanceof LiveSourceConfig.Ffmpeg camera) {
            add(items, "camera " + s.sensor() + "'s pooled images", CAMERA_BUFFERS + " x " + key
                    + ".maxWidthPixels " + camera.maxWidthPixels() + " x maxHeightPixels " + camera.maxHeightPixels(),
                    (long) CAMERA_BUFFERS * camera.maxWidthPixels() * camera.maxHeightPixels() * CameraImage.CHANNELS);
        }
    }

    private static long polarCells(RuntimeConfig c) {
        return (long) c.perception().azimuthBins() * c.perception().rangeBins();
    }

    /** About the bytes of the fuse stage's free-ray table for {@code config} (GridUpdater.rayTableBytes). */
    static long rayTableBytes(RuntimeConfig config) {
        org.avfusion.calibration.geometry.MountPose lidar = config.vehicle().lidarMount().toPose();
        return org.avfusion.runtime.occupancy.GridUpdater.rayTableBytes(config.occupancy(),
                config.perception().azimuthBins(), lidar.xMeters(), lidar.yMeters());
    }

    private static void add(List<Item> items, String what, String settings, long bytes) {
        if (bytes != 0) {
            items.add(new Item(what, settings, bytes));
        }
    }

    private static RuntimeConfig defaults() {
        RuntimeConfig d = defaults;
        if (d == null) {
            d = new ConfigLoader().loadDefault();
            defaults = d;
        }
        return d;
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1 << 20));
    }
}
