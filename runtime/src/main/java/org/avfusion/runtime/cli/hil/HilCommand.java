package org.avfusion.runtime.cli.hil;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.avfusion.runtime.cli.AvfusionCli;
import org.avfusion.scenarios.hil.HilInputException;
import org.avfusion.scenarios.hil.HilReport;
import org.avfusion.scenarios.hil.HilRig;
import org.avfusion.scenarios.hil.HilRigSpec;
import org.avfusion.scenarios.hil.HilScenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avfusion hil}: the hardware-in-the-loop rig ({@link HilRig}, module scenarios) pointed at a runtime under
 * test. All logic lives in the rig; this class only parses options and maps outcomes to exit codes: 0 every
 * expectation passed, 1 one failed, 2 bad input (scenario, rig file, a target that does not answer, a port in use).
 */
@Command(name = "hil", mixinStandardHelpOptions = true,
        description = "Hardware in the loop: stream a simulated scenario to a runtime under test through its real "
                + "interfaces (Velodyne UDP, NMEA over TCP/UDP), inject the scenario's faults on the wire, check its "
                + "expectations on the runtime's MQTT topics, report reaction times (p50/p99 over --runs).")
public final class HilCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "FILE|NAME",
            description = "HIL scenario file (a scenario with faults: and expectations:) or a built-in scenario.")
    String scenario;

    @Option(names = "--recording", paramLabel = "PATH",
            description = "Instead of --scenario: a directory with a Velodyne pcap and an NMEA log, played with "
                    + "their recorded timing (no faults; expects decisions to arrive).")
    Path recording;

    @Option(names = "--target", paramLabel = "HOST", required = true,
            description = "Host of the runtime under test (its MQTT broker, lidar and NMEA ports).")
    String target;

    @Option(names = "--rig", paramLabel = "FILE",
            description = "Rig file: ports, vehicle id, lidar model (default: the config/hil-loopback.yaml rig).")
    Path rig;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "Play the scenario N times "
            + "(default ${DEFAULT-VALUE}); reaction times are reported as p50/p99 over the runs.")
    int runs;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write a JUnit XML report here.")
    Path report;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(new java.io.OutputStream() {
            private final PrintWriter w = spec.commandLine().getOut();

            @Override
            public void write(int b) {
                w.write(b);
                if (b == '\n') {
                    w.flush();
                }
            }
        }, true, java.nio.charset.StandardCharsets.UTF_8);
        try {
            if ((scenario == null) == (recording == null)) {
                throw new HilInputException("give exactly one of --scenario FILE|NAME and --recording PATH");
            }
            HilRigSpec rigSpec = rig == null ? HilRigSpec.LOOPBACK : HilRigSpec.load(rig);
            HilScenario hil = scenario == null ? null : HilScenario.resolve(scenario);
            if (hil != null) {
                HilRig.checkFaults(hil, rigSpec);
            }
            HilReport result;
            try (HilRig r = new HilRig(rigSpec, target, out)) {
                result = hil != null ? r.run(hil, runs) : r.runRecording(recording, runs);
            }
            result.print(out);
            if (report != null) {
                result.writeJUnit(report);
                out.println("hil: JUnit report " + report.toAbsolutePath());
            }
            out.flush();
            return result.passed() ? 0 : 1;
        } catch (HilInputException e) {
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            err.println("avfusion hil: " + e.getMessage());
            err.flush();
            return AvfusionCli.EXIT_BAD_INPUT;
        } catch (IOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("avfusion hil: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
