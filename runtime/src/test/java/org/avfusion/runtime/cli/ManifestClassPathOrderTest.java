package org.avfusion.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime's dependencies in the order {@code runtime/pom.xml} declares them for the jar's manifest
 * {@code Class-Path}: the jars a replay loads its classes from come before the natives and the embedded broker, so
 * that {@code java -jar} does not look every Jackson or Logback class up in OpenCV's, FFmpeg's and HiveMQ's jars
 * first (docs/PERFORMANCE.md, "The jars' order for a replay"). Maven gives the tests' class path the same order as the
 * manifest's (the test-only jars apart), which is what this reads.
 */
class ManifestClassPathOrderTest {
    /** Where a replay's classes come from, in the order it first loads them (after the main jar). */
    static final List<String> REPLAY_JARS = List.of("picocli-", "jackson-core-", "jackson-databind-",
            "jackson-annotations-", "jackson-dataformat-yaml-", "snakeyaml-", "slf4j-api-", "logback-classic-",
            "logback-core-", "org.eclipse.paho.mqttv5.client-", "HdrHistogram-", "disruptor-");
    /**
     * Large jars a replay without a model or a recording does not load from ({@code onnxruntime}: the CPU build's
     * {@code onnxruntime-*.jar} or, with {@code -Pgpu}, {@code onnxruntime_gpu-*.jar}).
     */
    static final List<String> LATER_JARS = List.of("opencv-", "javacv-", "javacpp-", "ffmpeg-", "openblas-",
            "onnxruntime", "hivemq-community-edition-embedded-", "rocksdbjni-", "guava-", "graphhopper-core-");

    private static List<String> classPathNames() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> names = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            names.add(new File(entry).getName());
        }
        return names;
    }

    private static int indexOf(List<String> names, String prefix) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).startsWith(prefix) && names.get(i).endsWith(".jar")) {
                return i;
            }
        }
        throw new AssertionError(prefix + "*.jar is not on the class path: " + names);
    }

    @Test
    void theReplaysJarsComeFirstInTheOrderItLoadsFromThem() {
        List<String> names = classPathNames();
        int previous = -1;
        for (String jar : REPLAY_JARS) {
            int at = indexOf(names, jar);
            assertTrue(at > previous,
                    jar + " at " + at + ", before the jar ahead of it in the replay's order: " + names);
            previous = at;
        }
        int lastReplayJar = previous;
        for (String jar : LATER_JARS) {
            int at = indexOf(names, jar);
            assertTrue(at > lastReplayJar, jar + " at " + at + " comes before a replay's jars (last at "
                    + lastReplayJar + "): " + Arrays.toString(names.toArray()));
        }
    }
}
