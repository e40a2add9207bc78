package org.avfusion.runtime.cli.mcap;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code avfusion mcap}: the parent of the MCAP tools. */
@Command(name = "mcap", mixinStandardHelpOptions = true,
        description = "Inspect MCAP files (ROS 2 bags, Foxglove recordings, avfusion recordings).",
        subcommands = {McapInfoCommand.class})
public final class McapCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing what to do: " + String.join(", ", spec.subcommands().keySet()));
    }
}
