package org.avfusion.runtime.cli.mcap;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.avfusion.drivers.recorded.mcap.McapChannel;
import org.avfusion.drivers.recorded.mcap.McapChunkIndex;
import org.avfusion.drivers.recorded.mcap.McapFormatException;
import org.avfusion.drivers.recorded.mcap.McapMessage;
import org.avfusion.drivers.recorded.mcap.McapReadOrder;
import org.avfusion.drivers.recorded.mcap.McapReader;
import org.avfusion.drivers.recorded.mcap.McapReaderConfig;
import org.avfusion.drivers.recorded.mcap.McapSchema;
import org.avfusion.drivers.recorded.mcap.McapStatistics;
import org.avfusion.drivers.recorded.mcap.McapSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion mcap info FILE}: library, profile, message count, duration, start and end, chunks per compression
 * with their sizes, channels (id, topic, message count and rate, schema name and encoding), attachment and metadata
 * counts; laid out as the MCAP CLI's {@code mcap info}. Uses the summary section when the file has one, otherwise
 * counts by a linear scan (and says so).
 *
 * <p>Exit codes: 0 printed; 2 bad input (no such file, not MCAP, a truncated or corrupt file), with a message on
 * stderr naming the file and the byte offset. For a truncated file the part before the damage is printed first.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print what an MCAP file holds: library, profile, messages, time range, compression, channels "
                + "with message counts and schemas, attachments and metadata (as the MCAP CLI's `mcap info`).")
public final class McapInfoCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The MCAP file.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        McapReaderConfig config = McapReaderConfig.defaults().withOrder(McapReadOrder.FILE);
        try (McapReader reader = McapReader.open(file, config)) {
            McapSummary summary = reader.summary();
            McapFormatException damage = null;
            boolean scanned = summary == null || summary.statistics() == null;
            if (scanned) {
                McapMessage message = new McapMessage();
                try {
                    while (reader.next(message)) {
                        // counting only: the reader keeps the statistics
                    }
                } catch (McapFormatException e) {
                    damage = e;
                }
                summary = reader.scanned();
            }
            print(out, summary, scanned ? reader.summaryProblem() : null);
            out.flush();
            if (damage != null) {
                err.println("avfusion mcap info: " + damage.getMessage() + " (printed what comes before it)");
                err.flush();
                return EXIT_BAD_INPUT;
            }
            if (reader.problemCount() > 0) {
                reader.problems().forEach(p -> err.println("avfusion mcap info: " + p.getMessage()));
                err.flush();
                return EXIT_BAD_INPUT;
            }
            return 0;
        } catch (NoSuchFileException e) {
            return fail(err, file + ": no such file");
        } catch (McapFormatException e) {
            return fail(err, e.getMessage());
        } catch (IOException e) {
            return fail(err, file + ": cannot read: " + e.getMessage());
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println("avfusion mcap info: " + message);
        err.flush();
        return EXIT_BAD_INPUT;
    }

    static void print(PrintWriter out, McapSummary summary, String scannedBecause) {
        McapStatistics stats = summary.statistics();
        row(out, "library:", summary.header().library());
        row(out, "profile:", summary.header().profile());
        if (scannedBecause != null) {
            row(out, "summary:", "none (" + scannedBecause + "); counted by a linear scan");
        }
        row(out, "messages:", Long.toString(stats.messageCount()));
        long durationNanos = stats.messageEndNanos() - stats.messageStartNanos();
        row(out, "duration:", duration(durationNanos));
        row(out, "start:", time(stats.messageStartNanos()));
        row(out, "end:", time(stats.messageEndNanos()));
        Map<String, long[]> byCompression = new TreeMap<>();
        for (McapChunkIndex chunk : summary.chunkIndexes()) {
            long[] c = byCompression.computeIfAbsent(chunk.compression().isEmpty() ? "none" : chunk.compression(),
                    k -> new long[3]);
            c[0]++;
            c[1] += chunk.uncompressedSize();
            c[2] += chunk.compressedSize();
        }
        if (!byCompression.isEmpty()) {
            out.println("compression:");
            int chunks = summary.chunkIndexes().size();
            for (Map.Entry<String, long[]> e : byCompression.entrySet()) {
                long[] c = e.getValue();
                double saved = c[1] == 0 ? 0 : 100.0 * (c[1] - c[2]) / c[1];
                double seconds = durationNanos / 1e9;
                String rate = seconds > 0 ? " [" + bytes(c[2] / seconds) + "/sec]" : "";
                out.printf(Locale.ROOT, "\t%s: [%d/%d chunks] [%s/%s (%.2f%%)]%s%n", e.getKey(), c[0], chunks,
                        bytes(c[1]), bytes(c[2]), saved, rate);
            }
        }
        out.println("channels:");
        int topicWidth = summary.channels().values().stream().mapToInt(c -> c.topic().length()).max().orElse(0);
        int countWidth = summary.channels().keySet().stream()
                .mapToInt(id -> Long.toString(stats.channelMessageCounts().getOrDefault(id, 0L)).length())
                .max().orElse(1);
        int idWidth = summary.channels().keySet().stream().mapToInt(id -> Integer.toString(id).length()).max()
                .orElse(1);
        for (McapChannel channel : summary.channels().values()) {
            long count = stats.channelMessageCounts().getOrDefault(channel.id(), 0L);
            McapSchema schema = summary.schemaOf(channel);
            String hz = durationNanos > 0 ? String.format(Locale.ROOT, " (%.2f Hz)", count / (durationNanos / 1e9))
                    : "";
            String schemaText = schema == null ? "<no schema>" : schema.name() + " [" + schema.encoding() + "]";
            out.printf(Locale.ROOT, "\t(%" + idWidth + "d) %-" + topicWidth + "s  %" + countWidth + "d msgs%s : %s"
                    + " (%s)%n", channel.id(), channel.topic(), count, hz, schemaText, channel.messageEncoding());
        }
        row(out, "attachments:", Long.toString(stats.attachmentCount()));
        row(out, "metadata:", Long.toString(stats.metadataCount()));
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "%-13s%s%n", name, value);
    }

    static String duration(long nanos) {
        return String.format(Locale.ROOT, "%.9fs", nanos / 1e9);
    }

    static String time(long nanos) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
        return String.format(Locale.ROOT, "%s (%d.%09d)", instant, Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
    }

    static String bytes(double n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        double v = n;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f %s", v, units[u])
                : String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }
}
