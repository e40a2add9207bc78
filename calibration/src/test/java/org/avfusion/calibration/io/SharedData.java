package org.avfusion.calibration.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds {@code ../shared/data} (system property {@code avfusion.shared}); skips the test when it is absent. */
final class SharedData {

    private SharedData() {
    }

    static Path require(String relative) {
        Path p = Path.of(System.getProperty("avfusion.shared", "../shared"), "data").resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "../shared/data/" + relative + " not found: " + p.toAbsolutePath());
        return p;
    }
}
