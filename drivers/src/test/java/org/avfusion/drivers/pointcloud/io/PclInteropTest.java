package org.avfusion.drivers.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.avfusion.drivers.frame.PointCloud;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the Point Cloud Library itself: a PCD we write is converted by PCL's
 * {@code pcl_convert_pcd_ascii_binary} (Debian/Ubuntu package {@code pcl-tools}) into each encoding, and what PCL
 * wrote reads back identical. Skipped when the tool is not installed.
 */
class PclInteropTest {
    private static final String TOOL = "pcl_convert_pcd_ascii_binary";

    private static Path tool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, TOOL);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Assumptions.assumeTrue(false, TOOL + " not found on PATH: install it with `apt-get install -y pcl-tools`");
        return null;
    }

    @Test
    void pclConvertsOurFilesIntoEveryEncodingAndWeReadItsOutputIdentically(@TempDir Path dir) throws Exception {
        Path tool = tool();
        for (long seed : new long[] {11L, 12L}) {
            PointCloud cloud = Clouds.random(seed, 3_000, seed % 2 == 0);
            for (PcdEncoding from : PcdEncoding.values()) {
                Path ours = dir.resolve(seed + "-ours-" + from.keyword() + ".pcd");
                PcdWriter.write(ours, cloud, from);
                for (PcdEncoding to : PcdEncoding.values()) {
                    Path theirs = dir.resolve(seed + "-pcl-" + from.keyword() + "-to-" + to.keyword() + ".pcd");
                    // precision 9: enough significant digits for every float to survive PCL's ascii writer
                    Process p = new ProcessBuilder(tool.toString(), ours.toString(), theirs.toString(),
                            Integer.toString(to.ordinal()), "9").redirectErrorStream(true).start();
                    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    p.waitFor(60, TimeUnit.SECONDS);
                    String context = "seed " + seed + " " + from + " -> PCL -> " + to + ": " + output;
                    assertEquals(0, p.exitValue(), context);
                    PointCloud back = new PointCloud(cloud.size());
                    PcdReader.Result result = new PcdReader().read(theirs, back);
                    assertEquals(to, result.header().encoding(), context);
                    Clouds.assertIdentical(cloud, back, context);
                }
            }
        }
    }
}
