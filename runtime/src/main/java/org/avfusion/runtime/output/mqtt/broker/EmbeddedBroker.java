package org.avfusion.runtime.output.mqtt.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 3/5 broker (HiveMQ CE embedded) running inside this JVM, listening on {@code 127.0.0.1} only (never
 * {@code 0.0.0.0}), with anonymous usage statistics off, in-memory persistence, and its configuration and data in
 * a temporary folder deleted by {@link #close()}. Anonymous clients are allowed: the loopback binding is the access
 * control.
 *
 * <p>HiveMQ is a {@code provided} dependency in the vehicle build ({@code -Pvehicle}); there
 * {@link #isAvailable()} is false and {@link #start(int)} fails with a message saying to configure a broker.
 *
 * <p>Cost: the first start in a JVM takes about a second (mostly class loading; later ones about 0.1 s),
 * {@code close} about 2 s (Netty's fixed quiet period inside HiveMQ), so tests share one broker per class.
 *
 * <p>Threading: {@code start} and {@code close} block until the broker is up or down; the accessors are
 * thread-safe. Two brokers on different ports can run in one JVM (the tests do), but they share HiveMQ's
 * process-wide internal settings.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** The address every embedded broker binds to. */
    public static final String BIND_ADDRESS = "127.0.0.1";

    static final String HIVEMQ_CLASS = "com.hivemq.embedded.EmbeddedHiveMQ";
    static final String NOT_AVAILABLE = "this build has no embedded broker (built with -Pvehicle); "
            + "set mqtt.brokerUrl in the config";

    private final int port;
    private final AutoCloseable running;
    private final org.avfusion.runtime.output.mqtt.MqttSecurity runtimeCredentials;
    private volatile boolean closed;
    private final Thread shutdownHook = new Thread(this::closeAtExit, "avfusion-broker-shutdown");
    /** How long the shutdown hook lets the owner close the broker (after the goodbye messages) before it does. */
    private static final long EXIT_GRACE_MILLIS = 5_000;

    private EmbeddedBroker(int port, AutoCloseable running,
            org.avfusion.runtime.output.mqtt.MqttSecurity runtimeCredentials) {
        this.port = port;
        this.running = running;
        this.runtimeCredentials = runtimeCredentials;
        try {
            // SIGINT/SIGTERM: the temporary folder must not outlive the process
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyExiting) {
            // nothing to register
        }
    }

    private void closeAtExit() {
        long deadline = System.nanoTime() + EXIT_GRACE_MILLIS * 1_000_000L;
        while (!closed && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                break;
            }
        }
        close();
    }

    /** Whether HiveMQ CE embedded is on the class path (false in the vehicle build). */
    public static boolean isAvailable() {
        return isAvailable(EmbeddedBroker.class.getClassLoader());
    }

    static boolean isAvailable(ClassLoader loader) {
        try {
            Class.forName(HIVEMQ_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} and returns when it accepts connections.
     *
     * @param port TCP port in [1, 65535], or 0 for a free port chosen now
     * @throws IllegalStateException    if this build has no embedded broker, or the broker cannot start (the
     *                                  message names the port when it cannot bind)
     * @throws IllegalArgumentException if the port is outside [0, 65535]
     */
    public static EmbeddedBroker start(int port) {
        return start(port, EmbeddedBroker.class.getClassLoader());
    }

    static EmbeddedBroker start(int port, ClassLoader loader) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("embedded broker port must be in [0, 65535] (0 = any free port): "
                    + port);
        }
        if (!isAvailable(loader)) {
            throw new IllegalStateException(NOT_AVAILABLE);
        }
        return launchOn(port, EmbeddedBroker::freeLoopbackPort, chosen -> new EmbeddedBroker(chosen,
                HiveMqLauncher.launch(chosen, BIND_ADDRESS), org.avfusion.runtime.output.mqtt.MqttSecurity.NONE));
    }

    /** Free ports tried for port 0 before giving up ({@link #launchOn}). */
    static final int FREE_PORT_ATTEMPTS = 5;

    /**
     * Starts a broker with {@code launch} on {@code port}, which must be bindable now, or for 0 on a port that
     * {@code freePort} probes free. A probed port can be taken by another process before HiveMQ binds it (two test
     * suites at once lost a class's broker to this); when HiveMQ then starts no listener
     * ({@link HiveMqLauncher.ListenerNotStarted}), another free port is tried, {@value #FREE_PORT_ATTEMPTS} in all.
     * A port given explicitly is not replaced: its failure is reported.
     */
    static <T> T launchOn(int port, java.util.function.IntSupplier freePort,
            java.util.function.IntFunction<T> launch) {
        if (port != 0) {
            return launch.apply(requireBindable(port));
        }
        for (int attempt = 1; ; attempt++) {
            int chosen = freePort.getAsInt();
            try {
                return launch.apply(chosen);
            } catch (HiveMqLauncher.ListenerNotStarted e) {
                if (attempt == FREE_PORT_ATTEMPTS) {
                    throw new IllegalStateException("embedded broker: no listener started on " + attempt
                            + " free ports in a row; the last: " + e.getMessage(), e);
                }
                LOG.info("embedded broker: port {} was taken before the broker bound it; trying another", chosen);
            }
        }
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} that enforces {@link BrokerAccessPolicy}: only this process (user
     * {@value BrokerAccessPolicy#RUNTIME_USER}, random password, see {@link #runtimeCredentials()}) publishes the
     * runtime's topics; only a client with the password in {@value BrokerAccessPolicy#COMMAND_PASSWORD_ENV} publishes
     * commands; others may only subscribe, and only because the broker listens on loopback.
     *
     * @throws IllegalStateException as {@link #start(int)}
     */
    public static EmbeddedBroker startSecured(int port) {
        return startSecured(port, System.getenv(BrokerAccessPolicy.COMMAND_PASSWORD_ENV));
    }

    /** {@link #startSecured(int)} with the commander's password given (tests); null: no commander. */
    static EmbeddedBroker startSecured(int port, String commandPassword) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("embedded broker port must be in [0, 65535] (0 = any free port): "
                    + port);
        }
        if (!isAvailable()) {
            throw new IllegalStateException(NOT_AVAILABLE);
        }
        return launchOn(port, EmbeddedBroker::freeLoopbackPort, chosen -> startSecuredOn(chosen, commandPassword));
    }

    private static EmbeddedBroker startSecuredOn(int chosen, String commandPassword) {
        String password = BrokerAccessPolicy.newRuntimePassword();
        boolean loopback;
        try {
            loopback = InetAddress.getByName(BIND_ADDRESS).isLoopbackAddress();
        } catch (IOException e) {
            loopback = false;
        }
        BrokerAccessPolicy policy = new BrokerAccessPolicy(password, commandPassword, loopback);
        HiveMqLauncher launcher = HiveMqLauncher.launch(chosen, BIND_ADDRESS, policy);
        try {
            // the password goes to the client as a file, owner-only, inside the broker's folder (deleted at close)
            java.nio.file.Path file = launcher.home().resolve("runtime.password");
            java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            java.nio.file.Files.writeString(file, password);
            return new EmbeddedBroker(chosen, launcher, new org.avfusion.runtime.output.mqtt.MqttSecurity(null, null,
                    null, BrokerAccessPolicy.RUNTIME_USER, file, null));
        } catch (IOException | UnsupportedOperationException e) {
            try {
                launcher.close();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IllegalStateException("embedded broker: cannot write the runtime's credentials: " + e, e);
        }
    }

    /**
     * The credentials this process's runtime connects with: {@link org.avfusion.runtime.output.mqtt.MqttSecurity#NONE}
     * for a broker from {@link #start(int)}.
     */
    public org.avfusion.runtime.output.mqtt.MqttSecurity runtimeCredentials() {
        return runtimeCredentials;
    }

    /** {@code tcp://127.0.0.1:PORT}, for {@code MqttSettings.brokerUri}. */
    public String uri() {
        return "tcp://" + BIND_ADDRESS + ":" + port;
    }

    /** The TCP port the broker listens on. */
    public int port() {
        return port;
    }

    /** Stops the broker and deletes its temporary folder. Idempotent; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyExiting) {
                // the hook is running or about to: close() is idempotent
            }
        }
        try {
            running.close();
        } catch (Exception e) {
            LOG.warn("embedded broker on {} did not stop cleanly: {}", uri(), e.toString());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedBroker[" + uri() + (closed ? ", closed]" : "]");
    }

    /** Checks the port is free on the loopback address, so that the failure names the port clearly. */
    private static int requireBindable(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(BIND_ADDRESS), port));
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("embedded broker cannot bind " + BIND_ADDRESS + ":" + port + " ("
                    + e.getMessage() + "): another process listens there; pick another port or 0 for a free one",
                    e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(BIND_ADDRESS))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on " + BIND_ADDRESS, e);
        }
    }
}
