package org.avfusion.runtime.cli.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code avfusion decode lidar} on the shared captures and on bad input. */
class DecodeLidarCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new DecodeLidarCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path lidar(String name) {
        Path f = Path.of(System.getProperty("avfusion.shared", "../shared"), "data", "lidar", name);
        Assumptions.assumeTrue(Files.isRegularFile(f), "../shared/data/lidar/" + name + " not found: " + f);
        return f;
    }

    @Test
    void printsOneJsonLinePerVlp16PointWithTheModelDetected() throws Exception {
        Run r = run(lidar("vlp16-scanparser.pcap").toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(15_744, lines.length, "ScanParser's point count");
        JsonNode first = JSON.readTree(lines[0]);
        for (String field : new String[] {"t_ns", "x", "y", "z", "distance", "azimuth_deg", "elevation_deg",
                "intensity", "ring"}) {
            assertTrue(first.has(field), field + " in " + lines[0]);
        }
        assertEquals(3.72, first.get("distance").asDouble(), 0.002, "ScanParser's first point");
        assertEquals(-15.0, first.get("elevation_deg").asDouble(), 0.0);
        assertEquals(37.45, first.get("azimuth_deg").asDouble(), 0.01);
        assertEquals(0, first.get("ring").asInt(), "-15 degrees is the lowest ring");
        assertTrue(r.err().contains("model vlp16"), r.err());
    }

    @Test
    void scansOfTheOusterCaptureUseTheMetadataBesideIt() throws Exception {
        Run r = run(lidar("ouster-os1-32-1024x10.pcap").toString(), "--scans");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertEquals(1, lines.length, r.out());
        JsonNode scan = JSON.readTree(lines[0]);
        assertTrue(scan.get("points").asInt() > 20_000 && scan.get("points").asInt() <= 32_768, lines[0]);
        assertTrue(r.err().contains("model os1"), r.err());
    }

    @Test
    void hdl32IsDetectedFromTheFactoryByte() {
        Run r = run(lidar("hdl32-sample-b.pcap").toString(), "--scans");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("model hdl32"), r.err());
    }

    @Test
    void badInputExitsWithTwoNamingTheFileOrOption(@TempDir Path dir) throws Exception {
        Run missing = run(dir.resolve("nope.pcap").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.pcap"), missing.err());

        Run model = run(lidar("vlp16-scanparser.pcap").toString(), "--model", "hdl64");
        assertEquals(2, model.code());
        assertTrue(model.err().contains("--model") && model.err().contains("hdl64"), model.err());

        Path garbage = dir.resolve("garbage.pcap");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                22, 23, 24, 25});
        Run wrongMagic = run(garbage.toString(), "--model", "vlp16");
        assertEquals(2, wrongMagic.code());
        assertTrue(wrongMagic.err().contains(garbage + " at offset 0: PCAP_BAD_MAGIC"), wrongMagic.err());

        Run os1 = run(lidar("vlp16-scanparser.pcap").toString(), "--model", "os1");
        assertEquals(2, os1.code());
        assertTrue(os1.err().contains("--metadata"), os1.err());
    }
}
