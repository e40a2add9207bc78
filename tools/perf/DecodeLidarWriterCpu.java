import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.avfusion.runtime.cli.decode.DecodeLidarCommand;
import org.avfusion.runtime.output.json.JsonLines;
import picocli.CommandLine;

/**
 * {@code decode lidar FILE} run RUNS times in one JVM, stdout to /dev/null through the same {@link JsonLines.Stdout}
 * the CLI installs; per run the CPU time of the calling thread (the decoding thread: it formats every line itself
 * only on one CPU or in builds before ChunkedPointLines; points per CPU second leave out the time the thread waited
 * for a core on a shared machine), the process's CPU time (all threads: decoding, formatting, writing, JIT, GC) and
 * the wall time. Single-file
 * program, works against any build's jar:
 * {@code java -cp runtime/target/avfusion.jar tools/perf/DecodeLidarWriterCpu.java /tmp/hdl32-x200.pcap 5}
 */
public class DecodeLidarWriterCpu {
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        String pcap = args[0];
        int runs = Integer.parseInt(args[1]);
        PrintStream report = System.err;
        System.setOut(new PrintStream(new FileOutputStream("/dev/null"), false));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 1; i <= runs; i++) {
            CommandLine cl = new CommandLine(new DecodeLidarCommand());
            cl.setOut(new JsonLines.Stdout());
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            long cpu0 = threads.getCurrentThreadCpuTime();
            long process0 = processCpuNanos();
            long wall0 = System.nanoTime();
            int rc = cl.execute(pcap);
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double process = (processCpuNanos() - process0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            Matcher lines = Pattern.compile("(\\d+) lines").matcher(err.toString());
            long points = lines.find() ? Long.parseLong(lines.group(1)) : 0;
            report.printf("run %d (exit %d, %,d lines): thread CPU %.3f s, process CPU %.3f s, wall %.3f s: %.2f M"
                    + " points per thread CPU s, %.2f M per process CPU s, %.2f M points/s wall%n", i, rc, points, cpu,
                    process, wall, points / cpu / 1e6, points / process / 1e6, points / wall / 1e6);
        }
    }
}
