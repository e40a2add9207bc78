package org.avfusion.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.regex.Pattern;

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
 * <p>One message is left out: JavaCPP's {@code Versions of org.bytedeco:javacpp:V and org.bytedeco:openblas:W do not
 * match.} (its logger is routed here by {@link AvfusionCli#main}). The root pom pins that OpenBLAS build on purpose,
 * since the one OpenCV's presets ask for is not on Maven Central, and the tests that compare with OpenCV pass with it;
 * the line told a user of {@code --model} or {@code --record} of nothing they could act on
 * ({@link #KNOWN_VERSION_PIN}). Any other JavaCPP warning is printed.
 *
 * <p>Why in code: logback's XML configurator (Joran: a SAX parse, a model, its processors, about 200 classes) took
 * 136-154 ms of CPU of every CLI start, beside the JIT's compilations on a two-core computer; logback's whole set-up
 * now takes about 64 ms (docs/PERFORMANCE.md, "The jars' order for a replay, logging set up in code").
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
    static final List<String> QUIET_LOGGERS =
            List.of("com.hivemq", "io.netty", "org.jboss", "org.rocksdb", "jetbrains");
    /**
     * Off: the WebSocket library under {@code --foxglove}. {@code FoxgloveServer} reports what the library meets (a
     * port it cannot bind as the command's error, naming the address; the server stopping later as a warning; a
     * client's errors at debug); the library's own ERROR line and stack trace for the same bind came first.
     */
    static final String WEBSOCKET_LIBRARY = "org.java_websocket";
    /** JavaCPP's logger ({@code org.bytedeco.javacpp.logger=slf4j}). */
    static final String JAVACPP_LOADER = "org.bytedeco.javacpp.Loader";
    /** JavaCPP's warning about the OpenBLAS build the root pom pins ({@code openblas.version}); no other. */
    static final Pattern KNOWN_VERSION_PIN = Pattern.compile(
            "Versions of org\\.bytedeco:javacpp:\\S+ and org\\.bytedeco:openblas:\\S+ do not match\\.");

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
        Filter<ILoggingEvent> knownPin = new KnownVersionPin();
        knownPin.setContext(context);
        knownPin.start();
        stderr.addFilter(knownPin);
        stderr.start();
        for (String name : QUIET_LOGGERS) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        context.getLogger(WEBSOCKET_LIBRARY).setLevel(Level.OFF);
        context.getLogger("org.avfusion").setLevel(Level.INFO);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Leaves out {@link #KNOWN_VERSION_PIN} from {@link #JAVACPP_LOADER}; everything else passes. */
    static final class KnownVersionPin extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            return JAVACPP_LOADER.equals(event.getLoggerName())
                    && KNOWN_VERSION_PIN.matcher(event.getFormattedMessage()).matches()
                    ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }
}
