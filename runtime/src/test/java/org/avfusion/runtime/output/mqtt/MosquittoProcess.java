package org.avfusion.runtime.output.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto started by a test on a free 127.0.0.1 port with its own configuration in a temporary folder;
 * it can be killed and restarted on the same port, frozen (SIGSTOP) and thawed (SIGCONT). Skips the test (JUnit
 * assumption) when {@code /usr/sbin/mosquitto} (or {@code -Davfusion.mosquitto.binary}) is absent. Not thread-safe.
 */
final class MosquittoProcess implements AutoCloseable {
    private static final Path BINARY = Path.of(System.getProperty("avfusion.mosquitto.binary", "/usr/sbin/mosquitto"));

    private final Path folder;
    private final Path config;
    private final int port;
    private Process process;

    private MosquittoProcess(Path folder, Path config, int port) {
        this.folder = folder;
        this.config = config;
        this.port = port;
    }

    /**
     * Plain MQTT, anonymous, with persistence ({@code autosave_interval 1}), so a killed broker keeps the sessions
     * of its last save: see {@link #awaitSaved()}.
     */
    static MosquittoProcess startPlain() throws IOException {
        // no bound on a client's queue (Mosquitto's default is 1,000 messages): the outage tests' subscriber may be
        // that far behind after a long freeze, and what is tested is the runtime's outbox, not the broker's
        return start(List.of("allow_anonymous true", "persistence true", "autosave_interval 1",
                "max_queued_messages 0"), List.of());
    }

    /**
     * Starts Mosquitto with {@code listener <port> 127.0.0.1}, then {@code listenerLines}, then {@code lines}
     * ({@code persistence_location} and the log are set to the temporary folder).
     */
    static MosquittoProcess start(List<String> lines, List<String> listenerLines) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "no Mosquitto at " + BINARY
                + " (apt-get install mosquitto, or -Davfusion.mosquitto.binary=...)");
        Path folder = Files.createTempDirectory("avfusion-mosquitto-");
        int port = freePort();
        StringBuilder text = new StringBuilder();
        text.append("per_listener_settings false\n");
        text.append("set_tcp_nodelay true\n"); // as docs/MQTT.md advises for a vehicle's broker
        // started as root, Mosquitto would switch to user 'mosquitto', which cannot write the temporary folder
        text.append("user ").append(System.getProperty("user.name")).append('\n');
        for (String line : lines) {
            text.append(line).append('\n');
        }
        text.append("persistence_location ").append(folder).append("/\n");
        text.append("log_dest file ").append(folder.resolve("mosquitto.log")).append('\n');
        text.append("log_type all\n");
        text.append("listener ").append(port).append(" 127.0.0.1\n");
        for (String line : listenerLines) {
            text.append(line).append('\n');
        }
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(config, text);
        MosquittoProcess mosquitto = new MosquittoProcess(folder, config, port);
        mosquitto.launch();
        return mosquitto;
    }

    Path folder() {
        return folder;
    }

    int port() {
        return port;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no goodbye to anyone, sessions as last saved. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts it again on the same port with the same configuration. */
    void restart() throws IOException {
        launch();
    }

    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    /**
     * Returns once the broker has saved its in-memory database (sessions, subscriptions, queued messages) completely
     * at least once after this call, so a {@link #kill()} after it keeps everything done before the call. Mosquitto
     * 2.0 saves when {@code last_save + autosave_interval < now} in whole seconds, so every 2 s with an interval of
     * 1, not every second: a fixed 1.5 s after a subscription can end before the next save when the subscription
     * came just after one (a slow, loaded start), and the killed broker then forgets the subscriber. Its main loop is
     * one thread and logs "Saving in-memory database" before each save, so the second such line after this call
     * means the first save that began after it has finished. Takes 2 to 4 s.
     */
    void awaitSaved() throws InterruptedException, IOException {
        long before = saves();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (saves() < before + 2) {
            if (System.nanoTime() > deadline) {
                throw new IOException("mosquitto did not save its database twice within 15 s: " + log());
            }
            Thread.sleep(50);
        }
    }

    private long saves() {
        return log().lines().filter(line -> line.contains("Saving in-memory database")).count();
    }

    /** The broker's log so far, for failure messages. */
    String log() {
        try {
            Path log = folder.resolve("mosquitto.log");
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            signal("-CONT");
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("stdout.txt").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited at start (" + process.exitValue() + "): "
                        + Files.readString(folder.resolve("stdout.txt")) + log());
            }
            if (listening(port)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while mosquitto started");
            }
        }
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s: " + log());
    }

    private void signal(String which) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", which, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill " + which + " " + process.pid() + " failed");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
