package org.avfusion.runtime.cli;

import java.nio.file.Path;
import java.util.List;

/** Test access to {@link ReplayCommand}'s package-private checks from other test packages. */
public final class ReplayCommandAccess {
    private ReplayCommandAccess() {
    }

    public static List<String> ignored(String format, Path recording, boolean rateGiven, boolean topicsGiven) {
        return ReplayCommand.ignoredOptions(format, recording, rateGiven, topicsGiven);
    }
}
