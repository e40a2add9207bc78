package org.avfusion.runtime.output.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded broker: loopback only, clear failures, absent in the vehicle build. */
class EmbeddedBrokerTest {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        long startNanos = System.nanoTime();
        broker = EmbeddedBroker.start(0);
        System.out.printf(Locale.ROOT, "embedded broker started on %s in %d ms%n", broker.uri(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void uriNamesLoopbackAndTheChosenPort() {
        assertTrue(broker.port() > 0, "port " + broker.port());
        assertEquals("tcp://127.0.0.1:" + broker.port(), broker.uri());
        assertTrue(EmbeddedBroker.isAvailable());
    }

    @Test
    void acceptsConnectionsOnLoopback() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", broker.port()), 2_000);
            assertTrue(socket.isConnected());
        }
    }

    @Test
    void refusesConnectionsOnANonLoopbackAddress() throws IOException {
        Optional<InetAddress> external = nonLoopbackIpv4();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
        try (Socket socket = new Socket()) {
            assertThrows(IOException.class,
                    () -> socket.connect(new InetSocketAddress(external.get(), broker.port()), 2_000),
                    "broker reachable on " + external.get() + ":" + broker.port());
        }
    }

    @Test
    void listeningSocketIsBoundTo127001InTheKernelTable() throws IOException {
        Path table = Path.of("/proc/net/tcp");
        Assumptions.assumeTrue(Files.isReadable(table), "/proc/net/tcp not readable (not Linux)");
        String portHex = String.format(Locale.ROOT, "%04X", broker.port());
        List<String> listening = new ArrayList<>(listeningAddresses(table, portHex));
        Path table6 = Path.of("/proc/net/tcp6");
        if (Files.isReadable(table6)) {
            listening.addAll(listeningAddresses(table6, portHex));
        }
        assertFalse(listening.isEmpty(), "no LISTEN socket on port " + broker.port() + " in /proc/net/tcp{,6}");
        // 127.0.0.1 as the kernel prints it: plain IPv4, or IPv4-mapped in an IPv6 socket
        List<String> loopback = List.of("0100007F", "0000000000000000FFFF00000100007F");
        assertTrue(loopback.containsAll(listening), "LISTEN addresses on port " + broker.port() + ": " + listening);
    }

    /** Local addresses (hex, kernel byte order) of sockets in state 0A (LISTEN) on the port. */
    private static List<String> listeningAddresses(Path table, String portHex) throws IOException {
        return Files.readAllLines(table).stream()
                .map(String::trim)
                .map(line -> line.split("\\s+"))
                .filter(fields -> fields.length > 3 && fields[1].endsWith(":" + portHex) && "0A".equals(fields[3]))
                .map(fields -> fields[1].substring(0, fields[1].indexOf(':')))
                .toList();
    }

    @Test
    void closeLeavesNoNonDaemonThreadsSoTheJvmCanExit() throws InterruptedException {
        Set<Thread> before = liveNonDaemonThreads();
        long startNanos = System.nanoTime();
        EmbeddedBroker second = EmbeddedBroker.start(0);
        long closeNanos = System.nanoTime();
        second.close();
        System.out.printf(Locale.ROOT, "second broker: start %d ms, close %d ms%n",
                (closeNanos - startNanos) / 1_000_000, (System.nanoTime() - closeNanos) / 1_000_000);
        long deadline = System.nanoTime() + 10_000_000_000L;
        Set<Thread> leftover = liveNonDaemonThreads();
        leftover.removeAll(before);
        while (!leftover.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            leftover.removeIf(thread -> !thread.isAlive());
        }
        assertTrue(leftover.isEmpty(), "non-daemon threads left after close(): " + leftover);
    }

    private static Set<Thread> liveNonDaemonThreads() {
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(thread -> thread.isDaemon() || !thread.isAlive());
        return threads;
    }

    @Test
    void busyPortFailsWithAMessageNamingIt() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = squatter.getLocalPort();
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> EmbeddedBroker.start(port).close());
            assertTrue(error.getMessage().contains("127.0.0.1:" + port), error.getMessage());
        }
    }

    /**
     * Port 0: a port probed free may be taken by another process before HiveMQ binds it (two suites at once lost a
     * class's broker so). HiveMQ then starts no listener, and the next free port is tried.
     */
    @Test
    void aFreePortTakenBeforeTheBrokerBindsItIsReplacedByAnother() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int taken = squatter.getLocalPort();
            List<Integer> probed = new ArrayList<>();
            HiveMqLauncher launcher = EmbeddedBroker.launchOn(0, () -> {
                int port = probed.isEmpty() ? taken : freePort();
                probed.add(port);
                return port;
            }, port -> HiveMqLauncher.launch(port, EmbeddedBroker.BIND_ADDRESS));
            try {
                assertEquals(2, probed.size(), "probed: " + probed);
                try (Socket client = new Socket(InetAddress.getByName("127.0.0.1"), probed.get(1))) {
                    assertTrue(client.isConnected());
                }
            } finally {
                launcher.close();
            }
            // a port given explicitly is not replaced, and a port that never comes free is given up on
            IllegalStateException given = assertThrows(IllegalStateException.class,
                    () -> EmbeddedBroker.launchOn(taken, () -> taken, port -> port));
            assertTrue(given.getMessage().contains("127.0.0.1:" + taken), given.getMessage());
            IllegalStateException always = assertThrows(IllegalStateException.class,
                    () -> EmbeddedBroker.launchOn(0, () -> taken,
                            port -> HiveMqLauncher.launch(port, EmbeddedBroker.BIND_ADDRESS)));
            assertTrue(always.getMessage().contains("no listener started on " + EmbeddedBroker.FREE_PORT_ATTEMPTS
                    + " free ports in a row"), always.getMessage());
            assertTrue(always.getMessage().contains("127.0.0.1:" + taken), always.getMessage());
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void portOutsideTheTcpRangeIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedBroker.start(70_000));
        assertTrue(error.getMessage().contains("70000"), error.getMessage());
    }

    @Test
    void withoutHiveMqOnTheClassPathStartExplainsTheVehicleBuild() throws IOException {
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            assertFalse(EmbeddedBroker.isAvailable(bare));
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> EmbeddedBroker.start(0, bare));
            assertEquals("this build has no embedded broker (built with -Pvehicle); set mqtt.brokerUrl in the "
                    + "config", error.getMessage());
        }
    }

    @Test
    void configBindsLoopbackWithUsageStatisticsOff() {
        String xml = HiveMqLauncher.configXml(1883, EmbeddedBroker.BIND_ADDRESS);
        assertTrue(xml.contains("<bind-address>127.0.0.1</bind-address>"), xml);
        assertTrue(xml.replaceAll("\\s+", "").contains(
                "<anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>"), xml);
        assertFalse(xml.contains("0.0.0.0"), xml);
    }

    private static Optional<InetAddress> nonLoopbackIpv4() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }
}
