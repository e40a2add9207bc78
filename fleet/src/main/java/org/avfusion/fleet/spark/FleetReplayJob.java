package org.avfusion.fleet.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.avfusion.fleet.drive.DriveList;
import org.avfusion.fleet.drive.DriveReplay;
import org.avfusion.fleet.drive.DriveResult;
import org.avfusion.fleet.drive.DriveTask;
import org.avfusion.fleet.drive.ReplayConfiguration;

/**
 * {@code avfusion fleet-replay}: every drive of a list replayed under a baseline and (optionally) a candidate
 * configuration, one Spark task per drive, into Parquet tables ({@link FleetTables}) and a report of the drives whose
 * decisions changed, most changed first ({@code report.json}, {@code report.txt}).
 *
 * <p><b>Before any task runs</b> the drive list, both configurations and their rigs are checked: an empty or
 * missing list, a bad profile, rig or model, or two configurations for different rigs stop the job with a message.
 * <b>Per drive</b>, a recording that is missing, of an unsupported format or corrupt gives a failed row with the
 * reason; the other drives go on. <b>Retries</b>: a task's result depends only on its drive and the configurations
 * (but for {@link FleetTables#WALL_CLOCK_COLUMNS}); the tables are written through Spark's commit protocol with
 * {@link SaveMode#Overwrite}, so a retried task or a rerun job never duplicates rows.
 */
public final class FleetReplayJob {
    /**
     * @param drives     list file or folder (see {@link DriveList})
     * @param baseline   the reference configuration
     * @param candidate  the configuration compared with it, or null to replay the baseline only
     * @param output     folder of the tables and the report (replaced)
     */
    public record Settings(Path drives, ReplayConfiguration baseline, ReplayConfiguration candidate, Path output) {
        public Settings {
            Objects.requireNonNull(drives, "drives");
            Objects.requireNonNull(baseline, "baseline");
            Objects.requireNonNull(output, "output");
        }
    }

    /** A changed drive in the report. */
    public record ChangedDrive(String drive, long changedDecisions, long baselineDecisions, String firstDivergence) {
    }

    /** A failed drive in the report. */
    public record FailedDrive(String drive, String reason) {
    }

    /** What the job found. */
    public record Report(int drives, int failed, List<ChangedDrive> changed, List<FailedDrive> failures,
            String text) {
    }

    private FleetReplayJob() {
    }

    /**
     * Runs the job on {@code spark}.
     *
     * @throws IllegalArgumentException before any task runs, for a bad drive list or configuration
     */
    public static Report run(SparkSession spark, Settings settings) {
        List<DriveTask> tasks = DriveList.read(settings.drives());
        List<ReplayConfiguration> configurations = new ArrayList<>();
        configurations.add(settings.baseline());
        if (settings.candidate() != null) {
            if (settings.candidate().name().equals(settings.baseline().name())) {
                throw new IllegalArgumentException("baseline and candidate need different names, both are '"
                        + settings.baseline().name() + "'");
            }
            configurations.add(settings.candidate());
        }
        configurations.forEach(ReplayConfiguration::check);
        if (settings.candidate() != null) {
            ReplayConfiguration.requireSameRig(settings.baseline(), settings.candidate());
        }
        try {
            Files.createDirectories(settings.output());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output folder " + settings.output() + ": " + e.getMessage(),
                    e);
        }
        List<ReplayConfiguration> configs = List.copyOf(configurations);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<DriveResult> results = jsc.parallelize(tasks, tasks.size())
                .map(t -> DriveReplay.run(t, configs))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            String out = settings.output().toAbsolutePath().toString();
            spark.createDataFrame(results.flatMap(FleetTables::summaryRows), FleetTables.SUMMARIES)
                    .orderBy("driveIndex", "config").write().mode(SaveMode.Overwrite).parquet(out + "/summaries");
            spark.createDataFrame(results.flatMap(FleetTables::decisionRows), FleetTables.DECISIONS)
                    .orderBy("driveIndex", "config", "seq").write().mode(SaveMode.Overwrite)
                    .parquet(out + "/decisions");
            spark.createDataFrame(results.map(FleetTables::changeRow), FleetTables.CHANGES)
                    .orderBy("driveIndex").write().mode(SaveMode.Overwrite).parquet(out + "/changes");
            List<Row> changes = spark.read().parquet(out + "/changes").orderBy("driveIndex").collectAsList();
            Report report = report(changes, settings.candidate() != null);
            writeReport(report, settings.output());
            return report;
        } finally {
            results.unpersist(false);
        }
    }

    private static Report report(List<Row> changes, boolean compared) {
        List<ChangedDrive> changed = new ArrayList<>();
        List<FailedDrive> failed = new ArrayList<>();
        for (Row r : changes) {
            String drive = r.getAs("drive");
            if (!"ok".equals(r.getAs("status"))) {
                failed.add(new FailedDrive(drive, r.getAs("reason")));
            } else if (Boolean.TRUE.equals(r.getAs("changed"))) {
                changed.add(new ChangedDrive(drive, r.<Long>getAs("changedDecisions"),
                        r.<Long>getAs("baselineDecisions"), r.getAs("firstDivergence")));
            }
        }
        changed.sort(Comparator.comparingLong(ChangedDrive::changedDecisions).reversed()
                .thenComparing(ChangedDrive::drive));
        StringBuilder t = new StringBuilder();
        t.append("fleet replay: ").append(changes.size()).append(" drives, ").append(changes.size() - failed.size())
                .append(" replayed, ").append(failed.size()).append(" failed");
        if (compared) {
            t.append(", ").append(changed.size()).append(" with changed decisions\n");
            for (ChangedDrive c : changed) {
                t.append(String.format(java.util.Locale.ROOT, "  %-40s %5d of %5d decisions changed; first: %s%n",
                        c.drive(), c.changedDecisions(), c.baselineDecisions(), c.firstDivergence()));
            }
        } else {
            t.append(" (one configuration: nothing compared)\n");
        }
        for (FailedDrive f : failed) {
            t.append("  FAILED ").append(f.drive()).append(": ").append(f.reason()).append('\n');
        }
        return new Report(changes.size(), failed.size(), List.copyOf(changed), List.copyOf(failed), t.toString());
    }

    private static void writeReport(Report report, Path output) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("drives", report.drives());
        root.put("failed", report.failed());
        root.put("changed", report.changed().size());
        ArrayNode changed = root.putArray("changedDrives");
        for (ChangedDrive c : report.changed()) {
            changed.addObject().put("drive", c.drive()).put("changedDecisions", c.changedDecisions())
                    .put("baselineDecisions", c.baselineDecisions()).put("firstDivergence", c.firstDivergence());
        }
        ArrayNode failed = root.putArray("failedDrives");
        for (FailedDrive f : report.failures()) {
            failed.addObject().put("drive", f.drive()).put("reason", f.reason());
        }
        try {
            Files.writeString(output.resolve("report.json"), json.writeValueAsString(root) + "\n");
            Files.writeString(output.resolve("report.txt"), report.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + output + ": " + e.getMessage(), e);
        }
    }
}
