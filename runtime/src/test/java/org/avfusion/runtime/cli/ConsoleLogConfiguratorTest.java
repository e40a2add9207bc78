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
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The command line's logging set up in code: what it sets up, when it steps aside, and that logback finds it.
 * Each case configures a fresh {@link LoggerContext}, not the test JVM's own.
 */
class ConsoleLogConfiguratorTest {
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

        PatternLayoutEncoder encoder = assertInstanceOf(PatternLayoutEncoder.class, stderr.getEncoder());
        LoggingEvent event = new LoggingEvent("x", context.getLogger("org.avfusion.runtime.cli.Example"), Level.INFO,
                "hello {}", null, new Object[] {"there"});
        event.setThreadName("main");
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main] Example: hello there\\R"), line);
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

    @Test
    void logbackFindsItAsAService() {
        boolean found = ServiceLoader.load(Configurator.class).stream()
                .anyMatch(p -> p.type() == ConsoleLogConfigurator.class);
        assertTrue(found, "META-INF/services/ch.qos.logback.classic.spi.Configurator does not name it");
    }
}
