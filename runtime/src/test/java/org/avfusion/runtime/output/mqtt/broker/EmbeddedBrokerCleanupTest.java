package org.avfusion.runtime.output.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded broker's temporary folder does not outlive its process: SIGTERM, and a kill cleaned up later. */
class EmbeddedBrokerCleanupTest {

    @Test
    void sigtermRemovesTheBrokersTemporaryFolder() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BrokerUntilSignalled.class.getName())
                .redirectErrorStream(true).start();
        try {
            Path folder = null;
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("FOLDER ")) {
                    folder = Path.of(line.substring(7));
                    break;
                }
            }
            assertNotNull(folder, "the helper printed no folder");
            assertTrue(Files.isDirectory(folder), folder.toString());
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "no exit after SIGTERM");
            assertFalse(Files.exists(folder), "temporary folder left behind after SIGTERM: " + folder);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void foldersOfDeadProcessesAreRemovedAtTheNextStartOthersKept() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long dead = deadPid();
        Path leftover = Files.createDirectories(tmp.resolve(HiveMqLauncher.FOLDER_PREFIX + dead + "-123/data"))
                .getParent();
        Path live = Files.createDirectories(tmp.resolve(HiveMqLauncher.FOLDER_PREFIX + ProcessHandle.current().pid()
                + "-456"));
        try {
            assertTrue(HiveMqLauncher.removeLeftovers() >= 1);
            assertFalse(Files.exists(leftover), "a dead process's folder stayed");
            assertTrue(Files.exists(live), "a live process's folder was removed");
        } finally {
            Files.deleteIfExists(live);
        }
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertEquals(0, p.waitFor());
        long pid = p.pid();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        return pid;
    }
}
