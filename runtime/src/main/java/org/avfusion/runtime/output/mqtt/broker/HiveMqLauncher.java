package org.avfusion.runtime.output.mqtt.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.LoggerFactory;

/**
 * The only class that names HiveMQ types: loaded only after {@link EmbeddedBroker#isAvailable()}, so the vehicle
 * build (without HiveMQ) never fails to link {@link EmbeddedBroker} itself.
 */
final class HiveMqLauncher implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final int SHUTDOWN_GRACE_MILLIS = 100;
    /** Loggers HiveMQ and its libraries chat on at INFO; quiet unless the application configured them. */
    private static final String[] CHATTY_LOGGERS = {"com.hivemq", "jetbrains.exodus", "oshi", "org.rocksdb",
        "io.netty", "org.jboss.logging", "com.google.inject"};

    private final EmbeddedHiveMQ hivemq;
    private final Path home;

    private HiveMqLauncher(EmbeddedHiveMQ hivemq, Path home) {
        this.hivemq = hivemq;
        this.home = home;
    }

    static HiveMqLauncher launch(int port, String bindAddress) {
        return launch(port, bindAddress, null);
    }

    /** @param policy who may connect, publish and subscribe; null: anyone may do anything (tests of the broker) */
    static HiveMqLauncher launch(int port, String bindAddress, BrokerAccessPolicy policy) {
        quietLogging();
        // Default 2 s: time for queued writes to reach disk. Persistence is in-memory here, so there is nothing to
        // flush; this halves stop() (Netty's fixed 2 s quiet period is the rest). Process-wide, like all of
        // HiveMQ's internal settings, and only read by HiveMQ brokers, which in this JVM are all ours.
        InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.set(SHUTDOWN_GRACE_MILLIS);
        Path home;
        try {
            removeLeftovers();
            home = Files.createTempDirectory(FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded broker: cannot create its temporary folder", e);
        }
        EmbeddedHiveMQ hivemq = null;
        try {
            Path conf = Files.createDirectories(home.resolve("conf"));
            Path data = Files.createDirectories(home.resolve("data"));
            Path extensions = Files.createDirectories(home.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), configXml(port, bindAddress), StandardCharsets.UTF_8);
            var builder = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withoutLoggingBootstrap();
            if (policy != null) {
                builder = builder.withEmbeddedExtension(HiveMqAccessExtension.of(policy));
            }
            hivemq = builder.build();
            hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new HiveMqLauncher(hivemq, home);
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            stopQuietly(hivemq);
            deleteTree(home);
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String message = "embedded broker cannot start on " + bindAddress + ":" + port + ": " + cause;
            throw listenerNotStarted(cause) ? new ListenerNotStarted(message, cause)
                    : new IllegalStateException(message, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(hivemq);
            deleteTree(home);
            throw new IllegalStateException("interrupted while starting the embedded broker on port " + port, e);
        }
    }

    /**
     * HiveMQ started but none of its listeners: it could not bind the port, most often because another process took
     * it after it was probed free ({@link EmbeddedBroker#start(int)} with port 0 then tries another).
     */
    static final class ListenerNotStarted extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ListenerNotStarted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** HiveMQ's own verdict that no listener started: its {@code StartupListenerVerifier}'s exception. */
    static boolean listenerNotStarted(Throwable cause) {
        if (!cause.getClass().getName().equals("com.hivemq.exceptions.UnrecoverableException")) {
            return false;
        }
        for (StackTraceElement frame : cause.getStackTrace()) {
            if (frame.getClassName().equals("com.hivemq.bootstrap.StartupListenerVerifier")) {
                return true;
            }
        }
        return false;
    }

    /** The broker's temporary folder (deleted by {@link #close()}). */
    Path home() {
        return home;
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            hivemq.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the embedded broker", e);
        } finally {
            deleteTree(home);
        }
    }

    /** config.xml of HiveMQ CE (schema config.xsd in the HiveMQ jar). */
    static String configXml(int port, String bindAddress) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bindAddress);
    }

    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (String name : CHATTY_LOGGERS) {
                ch.qos.logback.classic.Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(Level.WARN);
                }
            }
        }
    }

    private static void stopQuietly(EmbeddedHiveMQ hivemq) {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception | LinkageError ignored) {
            // already failing: the start error is the one to report
        }
    }

    /** Temporary folders are named {@code avfusion-broker-<pid>-<random>}: the pid says whether the owner lives. */
    static final String FOLDER_PREFIX = "avfusion-broker-";

    /**
     * Deletes the temporary folders of brokers whose process is gone (killed, crashed: no chance to clean up).
     *
     * @return how many were deleted
     */
    static int removeLeftovers() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        int removed = 0;
        try (Stream<Path> list = Files.list(tmp)) {
            for (Path folder : (Iterable<Path>) list::iterator) {
                String name = folder.getFileName().toString();
                if (!name.startsWith(FOLDER_PREFIX) || !Files.isDirectory(folder)) {
                    continue;
                }
                String rest = name.substring(FOLDER_PREFIX.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                boolean mine = Files.getOwner(folder).getName().equals(System.getProperty("user.name"));
                if (mine && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                    deleteTree(folder);
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException | UnsupportedOperationException ignored) {
            // best effort: a leftover folder is untidy, not harmful
        }
        return removed;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder left behind is harmless; the broker state itself is gone
        }
    }
}
