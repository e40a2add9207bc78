package org.avfusion.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.FilterReply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.avfusion.runtime.output.mqtt.broker.ClassBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's logging set up in code: what it sets up, when it steps aside, and that logback finds it.
 * Each case configures a fresh {@link LoggerContext}, not the test JVM's own.
 */
@SuppressWarnings("unchecked")
class ConsoleLogConfiguratorTest {
    @RegisterExtension
    static final ClassBroker BROKER = new ClassBroker();

    @AfterEach
    void clearProperties() {
        System.clearProperty(ConsoleLogConfigurator.ENABLED_PROPERTY);
        System.clearProperty(ConsoleLogConfigurator.LOGBACK_FILE_PROPERTY);
    }

    private static ExecutionStatus configure(LoggerContext context) {
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        configurator.setContext(context);
        return configurator.configure(context);
    }

    @Test
    void theCommandLineGetsOneStderrAppenderOurMessagesAtInfoTheRestAtWarn() {
        System.setProperty(ConsoleLogConfigurator.ENABLED_PROPERTY, "true");
        LoggerContext context = new LoggerContext();
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure(context));

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<?> stderr = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
        assertEquals("System.err", stderr.getTarget());
        assertTrue(stderr.isStarted());
        assertEquals(Level.WARN, root.getLevel());
        assertEquals(Level.INFO, context.getLogger("org.avfusion.runtime.output.mqtt.MqttOutput").getEffectiveLevel());
        for (String quiet : ConsoleLogConfigurator.QUIET_LOGGERS) {
            assertEquals(Level.WARN, context.getLogger(quiet + ".Anything").getEffectiveLevel(), quiet);
        }
        assertEquals(Level.WARN, context.getLogger("org.bytedeco.javacpp.Loader").getEffectiveLevel());
        assertEquals(Level.OFF, context.getLogger("org.java_websocket.server.WebSocketServer").getEffectiveLevel());

        PatternLayoutEncoder encoder = assertInstanceOf(PatternLayoutEncoder.class, stderr.getEncoder());
        LoggingEvent event = new LoggingEvent("x", context.getLogger("org.avfusion.runtime.cli.Example"), Level.INFO,
                "hello {}", null, new Object[] {"there"});
        event.setThreadName("main");
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main] Example: hello there\\R"), line);
    }

    @Test
    void onlyJavaCppsNoteOnThePinnedOpenBlasBuildIsLeftOut() {
        System.setProperty(ConsoleLogConfigurator.ENABLED_PROPERTY, "true");
        LoggerContext context = new LoggerContext();
        configure(context);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) context
                .getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        String pin = "Versions of org.bytedeco:javacpp:1.5.14 and org.bytedeco:openblas:0.3.31-1.5.13 do not match.";
        assertEquals(FilterReply.DENY, reply(stderr, context, ConsoleLogConfigurator.JAVACPP_LOADER, pin));
        assertEquals(FilterReply.NEUTRAL, reply(stderr, context, ConsoleLogConfigurator.JAVACPP_LOADER,
                "Versions of org.bytedeco:javacpp:1.5.14 and org.bytedeco:opencv:4.13.0-1.5.13 do not match."),
                "another library's mismatch is printed");
        assertEquals(FilterReply.NEUTRAL, reply(stderr, context, ConsoleLogConfigurator.JAVACPP_LOADER,
                "Could not create the cache: Set the \"org.bytedeco.javacpp.cachedir\" system property."));
        assertEquals(FilterReply.NEUTRAL, reply(stderr, context, "org.avfusion.runtime.cli.Example", pin),
                "the same words from another logger are printed");
    }

    private static FilterReply reply(ConsoleAppender<ILoggingEvent> appender, LoggerContext context, String logger,
            String message) {
        LoggingEvent event = new LoggingEvent("x", context.getLogger(logger), Level.WARN, message, null, null);
        return appender.getFilterChainDecision(event);
    }

    @Test
    void aFileTheUserNamesWinsAndOtherJvmsKeepLogbacksOwnLookup() {
        LoggerContext untouched = new LoggerContext();
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure(untouched), "not the command line: steps aside");
        assertNull(untouched.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"));

        System.setProperty(ConsoleLogConfigurator.ENABLED_PROPERTY, "true");
        System.setProperty(ConsoleLogConfigurator.LOGBACK_FILE_PROPERTY, "my-logback.xml");
        LoggerContext userFile = new LoggerContext();
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure(userFile), "-Dlogback.configurationFile wins");
        assertFalse(userFile.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
    }

    /**
     * The command line's console in a child JVM: {@code --foxglove} on a port that is taken fails with the runtime's
     * one line naming the address, without the WebSocket library's ERROR line and stack trace before it.
     */
    @Test
    void aTakenFoxglovePortGivesOneLineAndNoStackTrace(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), AvfusionCli.class.getName(), "replay", "--speed",
                    "max", "--max", "40", "--no-progress", "--broker", BROKER.uri(),
                    "--foxglove", String.valueOf(taken.getLocalPort()));
            Path console = dir.resolve("console.txt");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(console.toFile()).start();
            process.getOutputStream().close();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM still running");
            String out = Files.readString(console);
            assertEquals(AvfusionCli.EXIT_BAD_INPUT, process.exitValue(), out);
            assertTrue(out.contains("avfusion: --foxglove: cannot listen on 127.0.0.1:" + taken.getLocalPort()), out);
            assertFalse(out.contains("BindException") || out.contains("\tat "), out);
        }
    }

    @Test
    void logbackFindsItAsAService() {
        boolean found = ServiceLoader.load(Configurator.class).stream()
                .anyMatch(p -> p.type() == ConsoleLogConfigurator.class);
        assertTrue(found, "META-INF/services/ch.qos.logback.classic.spi.Configurator does not name it");
    }
}
