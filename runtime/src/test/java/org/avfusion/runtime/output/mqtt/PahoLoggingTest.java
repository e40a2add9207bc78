package org.avfusion.runtime.output.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Paho's java.util.logging records reach logback as one line each, without a trace, and not the JUL console. */
class PahoLoggingTest {
    @Test
    void aResetConnectionIsOneLineOnTheApplicationsLogNotAConsoleTrace() {
        PahoLogging.install();
        List<LogRecord> atRoot = new ArrayList<>();
        Handler root = new Handler() {
            @Override
            public void publish(LogRecord r) {
                atRoot.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(root);
        ch.qos.logback.classic.Logger app = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("org.eclipse.paho");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        app.addAppender(lines);
        try {
            // as Paho's CommsSender logs a broker that reset the connection (JSR47Logger: one JUL logger per class)
            Logger sender = Logger.getLogger("org.eclipse.paho.mqttv5.client.internal.CommsSender");
            sender.log(Level.SEVERE, "avfusion-sim01-1: exception", new SocketException("Connection reset by peer"));
            sender.log(Level.FINE, "a trace line nobody needs");
            assertEquals(List.of(), atRoot, "nothing reaches the JUL console handler");
            assertEquals(1, lines.list.size(), "one line: " + lines.list);
            ILoggingEvent e = lines.list.get(0);
            assertEquals(ch.qos.logback.classic.Level.ERROR, e.getLevel());
            assertTrue(e.getFormattedMessage().contains("avfusion-sim01-1: exception")
                    && e.getFormattedMessage().contains("Connection reset by peer"), e.getFormattedMessage());
            assertEquals(null, e.getThrowableProxy(), "the exception's text, not its trace");
        } finally {
            app.detachAppender(lines);
            Logger.getLogger("").removeHandler(root);
        }
    }
}
