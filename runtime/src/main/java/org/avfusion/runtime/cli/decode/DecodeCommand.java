package org.avfusion.runtime.cli.decode;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code avfusion decode}: the parent of the per-driver decode tools. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode a sensor file with avfusion's drivers; one JSON object per line on stdout.",
        subcommands = {DecodeLidarCommand.class, DecodeNmeaCommand.class, DecodeVideoCommand.class})
public final class DecodeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing what to decode: " + String.join(", ", spec.subcommands().keySet()));
    }
}
