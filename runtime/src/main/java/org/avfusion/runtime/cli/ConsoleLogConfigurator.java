package org.avfusion.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * The {@code avfusion} command line's logging, set up in code: one console appender on stderr, avfusion's own
 * messages at INFO, everything else (the embedded broker, Netty, RocksDB, ...) at WARN.
 *
 * <p>Logback finds this class as a service ({@code META-INF/services/ch.qos.logback.classic.spi.Configurator}) in
 * every JVM that has the runtime's jar, but it configures only where {@link AvfusionCli#main} asked for it
 * ({@link #ENABLED_PROPERTY}) and the user named no configuration file ({@code -Dlogback.configurationFile=FILE}
 * wins, read by logback's own XML configurator). Elsewhere (tests, the fleet job, an application embedding the
 * runtime) it steps aside and logback looks for {@code logback-test.xml} / {@code logback.xml} as usual.
 *
 * <p>Why in code: logback's XML configurator (Joran: a SAX parse, a model, its processors, about 200 classes) took
 * 136 ms of CPU of every CLI start, beside the JIT's compilations on a two-core computer (docs/PERFORMANCE.md, "The
 * jars' order for a replay, logging set up in code").
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
    /** System property that {@link AvfusionCli#main} sets to {@code true}: the command line's console logging. */
    public static final String ENABLED_PROPERTY = "avfusion.consoleLogging";
    /** Logback's own property naming a configuration file; when set, logback's XML configurator reads that file. */
    static final String LOGBACK_FILE_PROPERTY = "logback.configurationFile";
    /** Each line: time of day, level, thread, the logger's class name, the message. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0}: %msg%n";
    /** The embedded broker and its libraries: warnings and errors only. */
    static final List<String> QUIET_LOGGERS = List.of("com.hivemq", "io.netty", "org.jboss", "org.rocksdb", "jetbrains");

    /** Public no-argument constructor, for {@link java.util.ServiceLoader}. */
    public ConsoleLogConfigurator() {
    }

    /** True where this configurator sets logging up: the command line asked for it and no file is named. */
    static boolean applies() {
        return Boolean.getBoolean(ENABLED_PROPERTY) && System.getProperty(LOGBACK_FILE_PROPERTY) == null;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!applies()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        for (String name : QUIET_LOGGERS) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        context.getLogger("org.avfusion").setLevel(Level.INFO);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
