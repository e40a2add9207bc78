package org.avfusion.runtime.cli.calibrate;

import java.io.PrintWriter;
import java.util.Locale;

/** What the calibrate commands share: the output format option and the bad-input report. */
final class CalibrationCli {
    private CalibrationCli() {
    }

    static OutputFormat format(String name) {
        try {
            return OutputFormat.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format: '" + name + "' is not yaml or json");
        }
    }

    /** Prints {@code command: message} on stderr and returns {@link CalibrateCommand#EXIT_BAD_INPUT}. */
    static int badInput(PrintWriter err, String command, Exception e) {
        err.println("avfusion " + command + ": " + e.getMessage());
        err.flush();
        return CalibrateCommand.EXIT_BAD_INPUT;
    }
}
