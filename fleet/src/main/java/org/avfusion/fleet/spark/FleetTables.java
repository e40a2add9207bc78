package org.avfusion.fleet.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.avfusion.fleet.drive.DriveComparison;
import org.avfusion.fleet.drive.DriveResult;
import org.avfusion.fleet.drive.RunSummary;
import org.avfusion.runtime.replay.DecisionRecord;

/**
 * The Parquet tables of a fleet replay, under the output folder:
 * <ul>
 *   <li>{@code decisions}: one row per decision per drive and configuration, the fields of a decision file
 *   (see {@link DecisionRecord}), ordered by drive, configuration, seq;</li>
 *   <li>{@code summaries}: one row per drive and configuration ({@link RunSummary}): status and reason, counts per
 *   decision kind, minimum gap, latency percentiles, drops, sensor health;</li>
 *   <li>{@code changes}: one row per drive: status, whether and how much the candidate's decisions differ from the
 *   baseline's, and the first divergence as {@code avfusion diff} words it.</li>
 * </ul>
 * Unknown numbers are null. {@link #WALL_CLOCK_COLUMNS} measure the machine; all other columns depend only on the
 * drives and the configurations.
 */
public final class FleetTables {
    /** Columns that differ from run to run of the same job (wall-clock latencies and times). */
    public static final Set<String> WALL_CLOCK_COLUMNS = Set.of("latencyMillis", "latencyP50Millis",
            "latencyP99Millis", "latencyMaxMillis", "wallSeconds");

    public static final StructType DECISIONS = schema(
            field("driveIndex", DataTypes.IntegerType, false), field("drive", DataTypes.StringType, false),
            field("config", DataTypes.StringType, false), field("seq", DataTypes.LongType, false),
            field("stampNanos", DataTypes.LongType, false), field("kind", DataTypes.StringType, false),
            field("reason", DataTypes.StringType, false), field("obstacleDistanceMeters", DataTypes.DoubleType, true),
            field("stoppingDistanceMeters", DataTypes.DoubleType, true),
            field("speedMetersPerSecond", DataTypes.DoubleType, true),
            field("targetSpeedMetersPerSecond", DataTypes.DoubleType, true),
            field("curvaturePerMeter", DataTypes.DoubleType, true), field("partial", DataTypes.BooleanType, false),
            field("sensors", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false),
            field("latencyMillis", DataTypes.DoubleType, true));

    public static final StructType SUMMARIES = schema(
            field("driveIndex", DataTypes.IntegerType, false), field("drive", DataTypes.StringType, false),
            field("input", DataTypes.StringType, false), field("config", DataTypes.StringType, false),
            field("status", DataTypes.StringType, false), field("reason", DataTypes.StringType, true),
            field("frames", DataTypes.LongType, false), field("decisions", DataTypes.LongType, false),
            field("proceed", DataTypes.LongType, false), field("slow", DataTypes.LongType, false),
            field("stop", DataTypes.LongType, false), field("reroute", DataTypes.LongType, false),
            field("minGapMeters", DataTypes.DoubleType, true), field("latencyP50Millis", DataTypes.DoubleType, true),
            field("latencyP99Millis", DataTypes.DoubleType, true), field("latencyMaxMillis", DataTypes.DoubleType, true),
            field("droppedFrames", DataTypes.LongType, false), field("skippedFrames", DataTypes.LongType, false),
            field("stageErrors", DataTypes.LongType, false),
            field("sensorNotOk", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false),
            field("missing", DataTypes.createArrayType(DataTypes.StringType), false),
            field("wallSeconds", DataTypes.DoubleType, true));

    public static final StructType CHANGES = schema(
            field("driveIndex", DataTypes.IntegerType, false), field("drive", DataTypes.StringType, false),
            field("status", DataTypes.StringType, false), field("reason", DataTypes.StringType, true),
            field("compared", DataTypes.BooleanType, false), field("changed", DataTypes.BooleanType, false),
            field("changedDecisions", DataTypes.LongType, false),
            field("baselineDecisions", DataTypes.LongType, false),
            field("firstDivergenceIndex", DataTypes.LongType, true),
            field("firstDivergenceStampNanos", DataTypes.LongType, true),
            field("firstDivergence", DataTypes.StringType, true));

    private FleetTables() {
    }

    static Iterator<Row> decisionRows(DriveResult r) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<DecisionRecord>> e : r.decisions().entrySet()) {
            for (DecisionRecord d : e.getValue()) {
                rows.add(RowFactory.create(r.task().index(), r.task().id(), e.getKey(), d.seq(), d.stampNanos(),
                        d.kind(), d.reason(), known(d.obstacleDistanceMeters()), known(d.stoppingDistanceMeters()),
                        known(d.speedMetersPerSecond()), known(d.targetSpeedMetersPerSecond()),
                        known(d.curvaturePerMeter()), d.partial(), scala(d.sensors()), known(d.latencyMillis())));
            }
        }
        return rows.iterator();
    }

    static Iterator<Row> summaryRows(DriveResult r) {
        List<Row> rows = new ArrayList<>();
        for (RunSummary s : r.runs()) {
            rows.add(RowFactory.create(r.task().index(), r.task().id(), r.task().input(), s.config(), s.status(),
                    s.reason(), s.frames(), s.decisions(), s.proceed(), s.slow(), s.stop(), s.reroute(),
                    known(s.minGapMeters()), known(s.latencyP50Millis()), known(s.latencyP99Millis()),
                    known(s.latencyMaxMillis()), s.droppedFrames(), s.skippedFrames(), s.stageErrors(),
                    scala(s.sensorNotOk()), s.missing().toArray(String[]::new), known(s.wallSeconds())));
        }
        return rows.iterator();
    }

    static Row changeRow(DriveResult r) {
        DriveComparison c = r.comparison();
        long baselineDecisions = r.runs().isEmpty() ? 0 : r.runs().get(0).decisions();
        return RowFactory.create(r.task().index(), r.task().id(), r.status(), r.reason(), c != null,
                c != null && c.changed(), c == null ? 0L : c.changedDecisions(), baselineDecisions,
                c == null || c.firstIndex() < 0 ? null : c.firstIndex(),
                c == null || c.firstIndex() < 0 ? null : c.firstStampNanos(), c == null ? null : c.first());
    }

    /** Spark's external type for a MAP column is a Scala map (a Java map is refused at encoding). */
    private static <K, V> scala.collection.Map<K, V> scala(Map<K, V> map) {
        return scala.jdk.javaapi.CollectionConverters.asScala(map);
    }

    private static Double known(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }

    private static StructType schema(StructField... fields) {
        return DataTypes.createStructType(fields);
    }
}
