package org.avfusion.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Numeric CLI options out of range exit 2 before any work, naming the option and its range (issue 8 "Bad input":
 * {@code --grid-ms 0.000001} ran out of heap).
 */
class CliBoundsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            calibrate time-offset --bag no.bag --imu /imu --odom /odom --grid-ms 0.000001 | --grid-ms must be in [0.5, 1000] ms, was 1.0E-6
            calibrate time-offset --bag no.bag --imu /imu --odom /odom --max-lag-ms 1e9   | --max-lag-ms must be in [5, 60000] ms
            calibrate time-offset --bag no.bag --imu /imu --odom /odom --windows 100000   | --windows must be in [2, 1000], was 100000
            replay --speed 1e9                                                            | --speed must be in (0, 1000] or 'max', was '1e9'
            replay --speed 0                                                              | --speed must be in (0, 1000] or 'max', was '0'
            replay --max 0                                                                | --max must be in [1, 1000000000000] frames, was 0
            replay --recording . --rate 0.001                                             | --rate must be in [0.1, 1000] Hz (a frame every 10 s at the slowest), was 0.001
            run --config ../config/default.yaml --duration 1e300                          | --duration must be in (0, 604800] s (a week), was 1.0E300
            decode video --max 0 no-such.mp4                                              | --max must be in [1, 1000000000000] frames, was 0
            detect --model no.onnx --threads 100000 no.png                                | --threads must be in [0, 256] (0: one per core), was 100000
            """)
    void outOfRangeOptionExits2NamingOptionAndRange(String args, String expected) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = AvfusionCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args.trim().split("\\s+"));
        assertEquals(2, code, out + "\n" + err);
        assertTrue(err.toString().contains(expected), err.toString());
    }
}
