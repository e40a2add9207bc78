package org.avfusion.runtime.cli;

import java.nio.file.Path;
import org.avfusion.calibration.yaml.Bounds;
import org.avfusion.runtime.output.foxglove.FoxgloveServer;
import org.avfusion.runtime.output.record.RecordConfig;
import org.avfusion.runtime.output.record.RecordRequest;
import picocli.CommandLine.Option;

/** The recording and live-view options {@code replay} and {@code run} share (a picocli mixin). */
final class RecordOptions {
    @Option(names = "--record", paramLabel = "PATH",
            description = "Record inputs and outputs as MCAP with Foxglove schemas (JSON): replay writes one FILE.mcap, "
                    + "run a DIR of files rotated by size and time.")
    Path record;

    @Option(names = "--foxglove", paramLabel = "PORT",
            description = "Serve the same channels live over the Foxglove WebSocket protocol on this port (0: any).")
    Integer foxglovePort;

    @Option(names = "--foxglove-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address the Foxglove WebSocket server binds (default ${DEFAULT-VALUE}; 0.0.0.0 exposes it).")
    String foxgloveHost;

    @Option(names = "--record-min-free-mb", paramLabel = "MIB",
            description = "Stop recording when the disk has less free space than this (default 1024).")
    Long minFreeMb;

    @Option(names = "--record-max-file-mb", paramLabel = "MIB",
            description = "With run: start a new file after this many MiB (default 1024).")
    Long maxFileMb;

    @Option(names = "--record-max-file-seconds", paramLabel = "S",
            description = "With run: start a new file after this many seconds (default 600).")
    Long maxFileSeconds;

    /** Whether --record or --foxglove was given (the inputs, camera pixels included, are then written or served). */
    boolean given() {
        return record != null || foxglovePort != null;
    }

    /** The request, or null when neither --record nor --foxglove was given. */
    RecordRequest request(boolean directory, String serverName) {
        RecordConfig c = RecordConfig.defaults();
        if (minFreeMb != null) {
            c = c.withMinFreeBytes(Bounds.requireInRange("--record-min-free-mb", minFreeMb, 0, 1L << 20, "MiB") << 20);
        }
        if (maxFileMb != null || maxFileSeconds != null) {
            long mb = maxFileMb == null ? c.maxFileBytes() >> 20
                    : Bounds.requireInRange("--record-max-file-mb", maxFileMb, 1, 1L << 20, "MiB");
            long s = maxFileSeconds == null ? c.maxFileSeconds()
                    : Bounds.requireInRange("--record-max-file-seconds", maxFileSeconds, 1, 86_400, "s");
            c = c.withMaxFile(mb << 20, s);
        }
        if (foxglovePort != null) {
            Bounds.requireInRange("--foxglove", foxglovePort, 0, 65535, "");
        }
        Integer port = foxglovePort;
        String host = foxgloveHost;
        return RecordRequest.of(record, directory, c,
                port == null ? null : cfg -> FoxgloveServer.start(host, port, serverName));
    }
}
