package org.avfusion.runtime.output.mqtt;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The Paho MQTT client logs through java.util.logging, whose default console handler printed a broker's reset
 * connection as "SEVERE: exception" and a 10-line stack trace on stderr, beside {@link MqttOutput}'s own one-line
 * "connection lost" warning. This sends Paho's warnings and errors to the application's logger (slf4j, logback's
 * console) as one line each, the exception's text without its trace, and drops the rest (Paho's fine-grained
 * tracing). Installed once, when the first MQTT client is made.
 */
final class PahoLogging {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("org.eclipse.paho");
    /** Held: java.util.logging keeps loggers weakly, and a collected logger would lose this configuration. */
    private static final Logger PAHO = Logger.getLogger("org.eclipse.paho");

    static {
        PAHO.setUseParentHandlers(false);
        PAHO.setLevel(Level.WARNING);
        PAHO.addHandler(new Handler() {
            private final SimpleFormatter text = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() < Level.WARNING.intValue()) {
                    return;
                }
                String message = text.formatMessage(r);
                String thrown = r.getThrown() == null ? "" : ": " + r.getThrown();
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    LOG.error("{}{}", message, thrown);
                } else {
                    LOG.warn("{}{}", message, thrown);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private PahoLogging() {
    }

    /** Routes Paho's logging (idempotent: the class initialiser does the work once). */
    static void install() {
        // the static initialiser has run
    }
}
