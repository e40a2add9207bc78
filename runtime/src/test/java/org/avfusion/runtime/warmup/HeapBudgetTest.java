package org.avfusion.runtime.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.runtime.cli.AvfusionCli;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.output.inprocess.InProcessOutputChannel;
import org.avfusion.runtime.pipeline.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up heap estimate: its per-unit costs against what building a pipeline really allocates, its verdicts, and
 * a JVM of the launcher's smallest heap refusing settings that ran it out of memory.
 */
class HeapBudgetTest {
    private static final long MIB = 1L << 20;
    /** Settings near their maxima: each alone runs in 96 MB, together they ran out of memory (2026-12 probe). */
    private static final String TOGETHER = String.join("\n",
            "ring: {size: 8192}",
            "occupancy: {maxObjects: 4096, cellSizeMeters: 0.2, forwardMeters: 100, backwardMeters: 60, "
                    + "lateralMeters: 49}",
            "tracker: {maxTracks: 2048, maxMeasurements: 512}",
            "fusion: {maxDepthPixelsPerBox: 1048576, maxDetections: 10000, maxObjects: 100000}",
            "ego: {filter: {historyLength: 4096}}", "");

    private static RuntimeConfig profile(String yaml) {
        return new ConfigLoader().loadYaml(yaml, "test.yaml");
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** Bytes this thread allocates building (and closing, unstarted) a pipeline for {@code yaml}. */
    private static long built(String yaml) {
        RuntimeConfig config = profile(yaml);
        long before = allocatedBytes();
        try (Pipeline ignored = new Pipeline(config, new InProcessOutputChannel(), () -> 0L, () -> 0L, (d, s, l) -> { }, "off",
                null)) {
            return allocatedBytes() - before;
        }
    }

    @Test
    void perUnitCostsAreWhatBuildingAPipelineAllocates() {
        built("{}"); // class initialisation and first-use caches out of the way
        long defaults = built("{}");
        RuntimeConfig d = profile("{}");
        record Case(String yaml, long expectedBytes) {
        }
        long cells = profile("occupancy: {cellSizeMeters: 0.125}").occupancy().cellCount();
        long polar = 7200L * profile("perception: {rangeBinMeters: 0.2}").perception().rangeBins();
        List<Case> cases = List.of(
                new Case("ring: {size: 8192}", (8192 - d.ring().size()) * HeapBudget.RING_SLOT_BYTES),
                new Case("occupancy: {cellSizeMeters: 0.125}",
                        (cells - d.occupancy().cellCount()) * HeapBudget.OCCUPANCY_CELL_BUILT_BYTES
                                + HeapBudget.rayTableBytes(profile("occupancy: {cellSizeMeters: 0.125}"))
                                - HeapBudget.rayTableBytes(d)),
                new Case("tracker: {maxTracks: 2048, maxMeasurements: 512}",
                        (2048 - 512) * HeapBudget.TRACK_BYTES + (2048L * 512 - 512 * 512) * HeapBudget.COST_BYTES),
                new Case("tracker: {maxTracks: 1, maxMeasurements: 2048}", -511 * HeapBudget.TRACK_BYTES
                        + 1536 * HeapBudget.MEASUREMENT_BYTES + (2048L - 512 * 512) * HeapBudget.COST_BYTES),
                new Case("fusion: {maxDepthPixelsPerBox: 1048576}",
                        (1048576 - d.fusion().maxDepthPixelsPerBox()) * HeapBudget.DEPTH_PIXEL_BYTES),
                new Case("fusion: {maxObjects: 100000}",
                        (100000 - d.fusion().maxObjects()) * HeapBudget.FUSED_OBJECT_BYTES),
                new Case("perception: {azimuthBins: 7200, rangeBinMeters: 0.2}",
                        (polar - (long) d.perception().azimuthBins() * d.perception().rangeBins())
                                * HeapBudget.POLAR_CELL_BYTES
                                + (7200 - d.perception().azimuthBins()) * HeapBudget.AZIMUTH_BIN_BYTES
                                // 7,200 rays make a table too large to keep: the default's is not built
                                + HeapBudget.rayTableBytes(profile("perception: {azimuthBins: 7200}"))
                                - HeapBudget.rayTableBytes(d)),
                new Case("ego: {filter: {historyLength: 4096}}",
                        (4096 - d.ego().filter().historyLength()) * HeapBudget.EGO_HISTORY_BYTES));
        StringBuilder table = new StringBuilder();
        for (Case c : cases) {
            long measured = built(c.yaml()) - defaults;
            table.append(String.format("%-60s measured %+8.2f MiB, estimated %+8.2f MiB%n", c.yaml(),
                    measured / (double) MIB, c.expectedBytes() / (double) MIB));
            // within a quarter, or half a MiB (what a few small structures and a rounding of pools amount to)
            assertTrue(Math.abs(measured - c.expectedBytes()) <= Math.max(Math.abs(c.expectedBytes()) / 4, MIB / 2),
                    c.yaml() + ": built " + measured + " bytes more than the defaults, the estimate says "
                            + c.expectedBytes() + "\n" + table);
        }
        System.out.print(table);
    }

    @Test
    void verdictsByFractionOfTheHeap() {
        RuntimeConfig defaults = profile("{}");
        // the launcher's heaps: 96 MB for a simulated drive, 256 MB for a recording or a model
        assertEquals(List.of(), HeapBudget.check(HeapBudget.estimate(defaults, HeapBudget.Input.SIMULATED, false, 0,
                96 * MIB)));
        HeapBudget.Estimate model = HeapBudget.estimate(defaults, HeapBudget.Input.RECORDING, true, 0, 256 * MIB);
        assertEquals(List.of(), HeapBudget.check(model));
        // the default ring's detection lists are in the model's measured 48 MB: only a larger ring adds its own
        assertEquals(List.of("detection model"), model.items().stream().map(HeapBudget.Item::what).toList());
        assertEquals((8192 - 4096) * (HeapBudget.RING_SLOT_BYTES + HeapBudget.RING_SLOT_DETECTION_BYTES),
                HeapBudget.estimate(profile("ring: {size: 8192}"), HeapBudget.Input.RECORDING, true, 0, 256 * MIB)
                        .items().stream().filter(i -> i.what().equals("ring slots")).findFirst().orElseThrow()
                        .bytes());

        HeapBudget.Estimate together = HeapBudget.estimate(profile(TOGETHER), HeapBudget.Input.SIMULATED, false, 0,
                96 * MIB);
        ConfigException e = assertThrows(ConfigException.class, () -> HeapBudget.check(together));
        for (String named : List.of("heap too small", "96 MiB", "tracker.maxTracks 2048 x maxMeasurements 512",
                "fusion.maxDepthPixelsPerBox 1048576", "fusion.maxObjects 100000", "occupancy.cellSizeMeters",
                "AVFUSION_JAVA_OPTS=-Xmx")) {
            assertTrue(e.getMessage().contains(named), named + " in: " + e.getMessage());
        }
        // the heap it suggests is one the same settings pass at without a warning
        long suggested = HeapBudget.suggestedHeapMib(together);
        assertEquals(List.of(), HeapBudget.check(HeapBudget.estimate(profile(TOGETHER), HeapBudget.Input.SIMULATED,
                false, 0, suggested * MIB)));
        // between the two fractions: a warning, and the run goes on
        long warnHeap = (long) (together.totalBytes() / ((HeapBudget.WARN_FRACTION + HeapBudget.REFUSE_FRACTION) / 2));
        List<String> warned = HeapBudget.check(HeapBudget.estimate(profile(TOGETHER), HeapBudget.Input.SIMULATED,
                false, 0, warnHeap));
        assertEquals(1, warned.size(), warned.toString());
        assertTrue(warned.get(0).startsWith("heap nearly full"), warned.get(0));

        // the outbox is held in memory even when file-backed: a million decisions do not fit 256 MB
        ConfigException outbox = assertThrows(ConfigException.class, () -> HeapBudget.check(HeapBudget.estimate(
                profile("mqtt: {outboxCapacity: 1000000, outboxDir: /tmp/x}"), HeapBudget.Input.RECORDING, false, 0,
                256 * MIB)));
        assertTrue(outbox.getMessage().contains("mqtt.outboxCapacity 1000000"), outbox.getMessage());
        // a recording's queue bound counts in full
        HeapBudget.Estimate queued = HeapBudget.estimate(defaults, HeapBudget.Input.SIMULATED, false, 512 * MIB,
                256 * MIB);
        assertTrue(queued.fraction() > 2, queued.describe());
        // smaller than the defaults saves, but never below half the measured base
        HeapBudget.Estimate small = HeapBudget.estimate(profile("ring: {size: 16}\ntracker: {maxTracks: 1, "
                + "maxMeasurements: 1}\noccupancy: {cellSizeMeters: 10}"), HeapBudget.Input.SIMULATED, false, 0,
                96 * MIB);
        assertTrue(small.totalBytes() < HeapBudget.Input.SIMULATED.baseBytes, small.describe());
        assertTrue(small.totalBytes() >= HeapBudget.Input.SIMULATED.baseBytes / 2, small.describe());
    }

    @Test
    void liveSensorsPoolsCount() {
        RuntimeConfig live = profile("""
                live:
                  sources:
                    - {sensor: lidar_top, driver: VELODYNE_UDP, maxPointsPerScan: 100000, pooledClouds: 64}
                    - {sensor: camera_front, driver: FFMPEG, input: /dev/video0,
                       maxWidthPixels: 8192, maxHeightPixels: 8192}
                """);
        HeapBudget.Estimate e = HeapBudget.estimate(live, HeapBudget.Input.LIVE, false, 0, 256 * MIB);
        String text = e.describe();
        assertTrue(text.contains("live.sources[0].pooledClouds 64 x maxPointsPerScan 100000"), text);
        assertTrue(text.contains("live.sources[1].maxWidthPixels 8192 x maxHeightPixels 8192"), text);
        long expected = HeapBudget.Input.LIVE.baseBytes + 64L * 100_000 * HeapBudget.CLOUD_POINT_BYTES
                + (long) HeapBudget.CAMERA_BUFFERS * 8192 * 8192 * 3;
        assertEquals(expected, e.totalBytes());
        assertThrows(ConfigException.class, () -> HeapBudget.check(e));
    }

    @Test
    void shippedProfilesFitTheLaunchersHeaps() throws IOException {
        Path configs = Path.of("..", "config");
        try (var files = Files.list(configs)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                RuntimeConfig c = new ConfigLoader().load(p);
                HeapBudget.Input input = c.live().sources().isEmpty() ? HeapBudget.Input.SIMULATED
                        : HeapBudget.Input.LIVE;
                long heap = input == HeapBudget.Input.SIMULATED ? 96 * MIB : 256 * MIB;
                HeapBudget.Estimate e = HeapBudget.estimate(c, input, false, 0, heap);
                assertTrue(e.fraction() <= HeapBudget.REFUSE_FRACTION, p + ": " + e.describe());
            }
        }
    }

    /** The launcher's smallest heap: refused at start-up with the settings named, not an OutOfMemoryError later. */
    @Test
    void aJvmOfNinetySixMegabytesRefusesSettingsThatRanItOutOfMemory(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("together.yaml"), TOGETHER);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-Xms96m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), AvfusionCli.class.getName(), "replay", "--config",
                yaml.toString(), "--speed", "max", "--no-progress", "--to", "3")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("avfusion: heap too small for these settings"), out);
        assertTrue(out.contains("tracker.maxTracks 2048 x maxMeasurements 512"), out);
        assertFalse(out.contains("OutOfMemoryError"), out);
        assertFalse(out.contains("\tat "), "no stack trace: " + out);
    }
}
