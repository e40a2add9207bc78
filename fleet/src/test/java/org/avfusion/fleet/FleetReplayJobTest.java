package org.avfusion.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.avfusion.fleet.drive.DriveList;
import org.avfusion.fleet.drive.DriveTask;
import org.avfusion.fleet.drive.ReplayConfiguration;
import org.avfusion.fleet.spark.FleetReplayJob;
import org.avfusion.fleet.spark.FleetTables;
import org.avfusion.fleet.drive.DecisionStreams;
import org.avfusion.runtime.replay.Replay;
import org.avfusion.runtime.replay.ReplayInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet replay on {@code local[2]} over the recordings of {@code ../shared/data} the replay supports (each
 * skipped with a message when absent) and short simulated drives written from the scenario catalogue as scenario
 * files, at least 10 drives, plus one corrupt recording.
 */
class FleetReplayJobTest {
    private static final List<String> SHARED = List.of("kitti/raw/2011_09_26/sfnd_sequence_sync",
            "kitti/tracking/0000/pcd", "rosbag/husky-gps-imu-odom.bag");
    /** Catalogue scenario, seconds: short cuts of each (the obstacles appear early in these). */
    private static final String[][] SCENARIOS = {{"car-ahead-braking", "3"}, {"car-ahead-braking", "5"},
            {"pedestrian-crossing", "3"}, {"pedestrian-crossing", "6"}, {"clear-road", "3"}, {"clear-road", "4"},
            {"car-ahead-braking", "2"}, {"pedestrian-crossing", "2"}, {"clear-road", "2"}, {"car-ahead-braking", "4"}};
    private static final int MIN_DRIVES = 10;

    private static SparkSession spark;
    private static Path work;
    private static Path list;
    private static Path candidateProfile;
    private static int realDrives;

    @TempDir
    Path temp;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        work = dir;
        Path target = Path.of("target").toAbsolutePath();
        spark = SparkSession.builder().master("local[2]").appName("fleet-replay-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.local.dir", target.resolve("spark-local").toString())
                .config("spark.sql.warehouse.dir", target.resolve("spark-warehouse").toString())
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        List<String> lines = new ArrayList<>();
        Path shared = Path.of(System.getProperty("avfusion.shared", "../../shared"), "data");
        for (String s : SHARED) {
            Path p = shared.resolve(s);
            if (Files.exists(p)) {
                lines.add(p.toAbsolutePath().toString());
            } else {
                System.out.println("shared data " + p + " not found: fleet test runs without it");
            }
        }
        Path catalog = Path.of("..", "scenarios", "catalog");
        for (int i = 0; lines.size() < MIN_DRIVES && i < SCENARIOS.length; i++) {
            String yaml = Files.readString(catalog.resolve(SCENARIOS[i][0] + ".yaml"))
                    .replaceFirst("(?m)^durationSeconds: .*$", "durationSeconds: " + SCENARIOS[i][1]);
            Path file = dir.resolve(SCENARIOS[i][0] + "-" + SCENARIOS[i][1] + "s.yaml");
            Files.writeString(file, yaml);
            lines.add("scenario:" + file.getFileName());
        }
        realDrives = lines.size();
        Path corrupt = dir.resolve("corrupt.bag");
        Files.write(corrupt, "#ROSBAG V2.0\n this is not a bag, it was cut off".getBytes());
        lines.add("corrupt.bag");
        list = Files.write(dir.resolve("drives.txt"), lines);
        candidateProfile = Files.writeString(dir.resolve("candidate.yaml"), "decision:\n  lookaheadMeters: 15.0\n");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static ReplayConfiguration baseline() {
        return new ReplayConfiguration("baseline", null, null, null, null);
    }

    private static ReplayConfiguration candidate(Path profile) {
        return new ReplayConfiguration("candidate", profile == null ? null : profile.toString(), null, null, null);
    }

    @Test
    void baselineEqualToCandidateChangesNothingAndTheCorruptDriveFailsAlone() throws Exception {
        Path out = temp.resolve("same");
        FleetReplayJob.Report r = FleetReplayJob.run(spark, new FleetReplayJob.Settings(list, baseline(),
                candidate(null), out));
        assertTrue(realDrives >= MIN_DRIVES, "drives: " + realDrives);
        assertEquals(realDrives + 1, r.drives(), r.text());
        assertEquals(1, r.failed(), r.text());
        assertEquals("corrupt.bag", r.failures().get(0).drive());
        assertFalse(r.failures().get(0).reason().isBlank());
        assertEquals(List.of(), r.changed(), r.text());

        Dataset<Row> summaries = spark.read().parquet(out.resolve("summaries").toString());
        assertEquals(2L * (realDrives + 1), summaries.count(), "one row per drive and configuration");
        assertEquals(2L * realDrives, summaries.filter("status = 'ok'").count());
        assertEquals(2L, summaries.filter("status = 'failed' and drive = 'corrupt.bag' and reason is not null")
                .count());
        assertEquals(0L, summaries.filter("status = 'ok' and decisions = 0").count(), "every drive decided");
        long decisions = spark.read().parquet(out.resolve("decisions").toString()).count();
        assertEquals(summaries.filter("status = 'ok'").agg(org.apache.spark.sql.functions.sum("decisions"))
                .first().getLong(0), decisions, "decision rows = summary counts");
        assertTrue(Files.readString(out.resolve("report.txt")).contains("0 with changed decisions"));
    }

    @Test
    void changedLookAheadChangesExactlyTheDrivesWhoseLoneReplaysDifferAndTheJobIsDeterministic() throws Exception {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        FleetReplayJob.Settings settings = new FleetReplayJob.Settings(list, baseline(), candidate(candidateProfile),
                first);
        FleetReplayJob.Report r = FleetReplayJob.run(spark, settings);
        FleetReplayJob.run(spark, new FleetReplayJob.Settings(list, baseline(), candidate(candidateProfile), second));

        Set<String> changedBySpark = new TreeSet<>();
        r.changed().forEach(c -> changedBySpark.add(c.drive()));
        Set<String> changedAlone = new java.util.concurrent.ConcurrentSkipListSet<>();
        var baselineProfile = baseline().loadProfile();
        var candidate = candidate(candidateProfile).loadProfile();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> alone = new ArrayList<>();
            for (DriveTask t : DriveList.read(list)) {
                if (t.id().equals("corrupt.bag")) {
                    continue;
                }
                ReplayInput input = t.isScenario() ? ReplayInput.scenario(t.input().substring("scenario:".length()))
                        : ReplayInput.recording(Path.of(t.input()));
                alone.add(pool.submit(() -> {
                    var a = Replay.inProcess(input, baselineProfile).decisions();
                    var b = Replay.inProcess(input, candidate).decisions();
                    if (DecisionStreams.firstDivergence(a, b) != null) {
                        changedAlone.add(t.id());
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : alone) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(new TreeSet<>(changedAlone), changedBySpark, r.text());
        assertFalse(changedBySpark.isEmpty(), "a 15 m look-ahead changes some drive: " + r.text());
        System.out.println("changed with a 15 m look-ahead: " + changedBySpark.size() + " of " + realDrives
                + " drives\n" + r.text());
        for (int i = 1; i < r.changed().size(); i++) {
            assertTrue(r.changed().get(i - 1).changedDecisions() >= r.changed().get(i).changedDecisions(),
                    "ordered by how much: " + r.text());
        }

        for (String table : List.of("decisions", "summaries", "changes")) {
            assertEquals(content(first.resolve(table)), content(second.resolve(table)), table);
        }
        assertEquals(Files.readString(first.resolve("report.json")), Files.readString(second.resolve("report.json")));
    }

    /** The rows of a table, without its wall-clock columns, as text in order. */
    private static List<String> content(Path table) {
        Dataset<Row> d = spark.read().parquet(table.toString());
        List<Column> columns = new ArrayList<>();
        for (String c : d.columns()) {
            if (!FleetTables.WALL_CLOCK_COLUMNS.contains(c)) {
                columns.add(d.col(c));
            }
        }
        List<String> rows = new ArrayList<>();
        d.select(columns.toArray(Column[]::new)).collectAsList().forEach(row -> rows.add(row.toString()));
        assertFalse(rows.isEmpty(), table.toString());
        return rows;
    }

    @Test
    void badInputStopsTheJobBeforeAnyTaskWithAMessage() throws Exception {
        Path empty = Files.writeString(temp.resolve("empty.txt"), "# no drives\n\n");
        Map<String, Object[]> cases = new TreeMap<>();
        cases.put("names no drive", new Object[] {empty, candidate(null)});
        cases.put("not found", new Object[] {temp.resolve("missing.txt"), candidate(null)});
        cases.put("different rigs", new Object[] {list, new ReplayConfiguration("candidate", null,
                Path.of("..", "config", "rigs", "kitti.yaml").toAbsolutePath().toString(), null, null)});
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            Path out = temp.resolve("bad-" + c.getKey().replace(' ', '-'));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FleetReplayJob.run(spark, new FleetReplayJob.Settings((Path) c.getValue()[0], baseline(),
                            (ReplayConfiguration) c.getValue()[1], out)));
            assertTrue(e.getMessage().contains(c.getKey()), c.getKey() + ": " + e.getMessage());
            assertFalse(Files.exists(out), "no task ran, nothing written: " + c.getKey());
        }
    }

    @Test
    void unsupportedFormatAndMissingRecordingGiveFailedRowsWithTheReason() throws Exception {
        Files.writeString(temp.resolve("notes.txt"), "not a drive");
        Path drives = Files.writeString(temp.resolve("odd.txt"), "notes.txt\nno-such-drive\n");
        FleetReplayJob.Report r = FleetReplayJob.run(spark, new FleetReplayJob.Settings(drives, baseline(), null,
                temp.resolve("odd")));
        assertEquals(2, r.failed(), r.text());
        assertTrue(r.failures().get(0).reason().contains("not a recording this build replays"), r.text());
        assertTrue(r.failures().get(1).reason().contains("not found"), r.text());
    }
}
