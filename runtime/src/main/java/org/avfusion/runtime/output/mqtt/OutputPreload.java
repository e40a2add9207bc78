package org.avfusion.runtime.output.mqtt;

/**
 * Loads the output path's classes on a daemon thread while the command reads its profile: the logging backend
 * (logback, set up in code by {@code cli.ConsoleLogConfigurator}: about 260 classes; logback's XML configurator took
 * 550 and 0.2-0.3 s on the 2-core development machine) and the MQTT client's classes. Without it both were loaded on
 * the thread that opens the MQTT connection, after the profile was read: on the path to the first decision
 * (docs/PERFORMANCE.md, "Time to the first decision"). Nothing here connects or logs; a failure is left to the code
 * that uses these classes to report.
 */
public final class OutputPreload {
    private OutputPreload() {
    }

    /**
     * Starts loading; returns at once. {@code afterLogging} (may be null) runs on the same thread as soon as logging
     * is set up, before the MQTT classes: for natives to be loaded only then, so that the logger a native library's
     * loader takes when it first initialises is logback's and not SLF4J's stand-in for the time logging is being set
     * up (whose messages SLF4J replays afterwards).
     */
    public static void start(Runnable afterLogging) {
        Thread t = new Thread(() -> {
            try {
                org.slf4j.LoggerFactory.getILoggerFactory(); // configures logback
                if (afterLogging != null) {
                    afterLogging.run();
                }
                ClassLoader loader = OutputPreload.class.getClassLoader();
                for (String name : new String[] {"org.eclipse.paho.mqttv5.client.MqttAsyncClient",
                        "org.eclipse.paho.mqttv5.client.MqttConnectionOptions",
                        "org.eclipse.paho.mqttv5.client.internal.ClientComms",
                        "org.eclipse.paho.mqttv5.common.packet.MqttPublish"}) {
                    Class.forName(name, true, loader);
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // the MQTT output reports its own problems when it opens
            }
        }, "avfusion-output-preload");
        t.setDaemon(true);
        t.start();
    }
}
