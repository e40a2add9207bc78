package org.avfusion.runtime.cli.config;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code avfusion config}: the parent of the configuration checks. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Configuration tools: check profiles, rig files and scenarios without running them.",
        subcommands = {ConfigCheckCommand.class})
public final class ConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing what to do: " + String.join(", ", spec.subcommands().keySet()));
    }
}
