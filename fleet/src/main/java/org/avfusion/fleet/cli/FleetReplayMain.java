package org.avfusion.fleet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.avfusion.fleet.drive.ReplayConfiguration;
import org.avfusion.fleet.spark.FleetReplayJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avfusion fleet-replay}: the Spark application. Under {@code spark-submit} the master comes from
 * {@code --master} of spark-submit; run directly, {@code --master local[N]} runs it on this machine.
 * Exit codes: 0 done (failed drives are listed, not fatal), 2 bad input before any task ran, 1 the job failed.
 */
@Command(name = "fleet-replay", mixinStandardHelpOptions = true,
        description = "Replay every drive of a list under a baseline and a candidate configuration on Apache Spark; "
                + "write Parquet tables (decisions, summaries, changes) and a report of the drives whose decisions "
                + "changed.")
public final class FleetReplayMain implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--drives", required = true, paramLabel = "LIST|FOLDER",
            description = "List file (one recording path or scenario:NAME|FILE a line) or a folder of recordings.")
    Path drives;

    @Option(names = "--out", required = true, paramLabel = "FOLDER",
            description = "Output folder: decisions/, summaries/, changes/ (Parquet), report.json, report.txt.")
    Path out;

    @Option(names = "--baseline-profile", paramLabel = "FILE", description = "Baseline YAML profile (default: built-in).")
    Path baselineProfile;

    @Option(names = "--baseline-rig", paramLabel = "FILE", description = "Baseline rig YAML (default: each recording's own).")
    Path baselineRig;

    @Option(names = "--baseline-model", paramLabel = "FILE", description = "Baseline ONNX detection model (default: none).")
    Path baselineModel;

    @Option(names = "--candidate-profile", paramLabel = "FILE", description = "Candidate YAML profile.")
    Path candidateProfile;

    @Option(names = "--candidate-rig", paramLabel = "FILE", description = "Candidate rig YAML (same sensors as the baseline's).")
    Path candidateRig;

    @Option(names = "--candidate-model", paramLabel = "FILE", description = "Candidate ONNX detection model.")
    Path candidateModel;

    @Option(names = "--layout", paramLabel = "yolox|nanodet|yolov8", defaultValue = "yolox",
            description = "Output layout of the models (default ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--no-candidate", description = "Replay the baseline only (no comparison).")
    boolean noCandidate;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when run without spark-submit, "
            + "e.g. local[2] (default: spark-submit's, else local[*]).")
    String master;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        ReplayConfiguration baseline = new ReplayConfiguration("baseline", string(baselineProfile),
                string(baselineRig), string(baselineModel), layout);
        ReplayConfiguration candidate = noCandidate ? null : new ReplayConfiguration("candidate",
                string(candidateProfile != null ? candidateProfile : baselineProfile),
                string(candidateRig != null ? candidateRig : baselineRig),
                string(candidateModel != null ? candidateModel : baselineModel), layout);
        SparkSession.Builder builder = SparkSession.builder().appName("avfusion fleet-replay");
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            FleetReplayJob.Report report = FleetReplayJob.run(spark,
                    new FleetReplayJob.Settings(drives, baseline, candidate, out));
            console.print(report.text());
            org.apache.spark.sql.Row time = spark.read().parquet(out.resolve("summaries").toAbsolutePath().toString())
                    .filter("status = 'ok'").agg(org.apache.spark.sql.functions.sum("wallSeconds"),
                            org.apache.spark.sql.functions.count("wallSeconds")).first();
            console.printf(java.util.Locale.ROOT, "replays: %d, %.1f s of replay wall time in all%n",
                    time.isNullAt(1) ? 0L : time.getLong(1), time.isNullAt(0) ? 0.0 : time.getDouble(0));
            console.println("tables and report in " + out.toAbsolutePath());
            console.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static String string(Path p) {
        return p == null ? null : p.toAbsolutePath().toString();
    }

    /** Runs the command; bad input (before any task) exits 2 with its message. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new FleetReplayMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("avfusion fleet-replay: " + e.getMessage());
                commandLine.getErr().flush();
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "avfusion-fleet-logback.xml");
        }
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }
}
