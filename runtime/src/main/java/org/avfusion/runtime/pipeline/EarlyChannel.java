package org.avfusion.runtime.pipeline;

import org.avfusion.runtime.config.MqttConfig;

/**
 * The replay's MQTT channel, opened on a daemon thread while the main thread builds the simulated drive: loading the
 * MQTT client's classes, connecting and waiting for the first CONNACK overlap the drive's construction instead of
 * following it (time to the first decision, docs/PERFORMANCE.md "Replay memory and start-up").
 *
 * <p>Ownership: {@link #take()} hands the channel (or the exception its opening threw, unchanged) to one caller,
 * who closes it; {@link #closeIfNotTaken()} interrupts the opening (which stops waiting for the first connection)
 * and closes a channel nobody took, as when start-up failed before the output was needed. Threading: both are
 * called from the thread that created this.
 */
final class EarlyChannel {
    private final Thread opener;
    private volatile MqttOutputChannel channel;
    private volatile Throwable failure;
    private boolean taken;

    private EarlyChannel(MqttConfig mqtt, String vehicleId) {
        opener = new Thread(() -> {
            try {
                channel = MqttOutputChannel.open(mqtt, vehicleId);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }, "avfusion-mqtt-open");
        opener.setDaemon(true);
        opener.start();
    }

    /** Starts opening the channel the profile's {@code mqtt} section describes for {@code vehicleId}. */
    static EarlyChannel open(MqttConfig mqtt, String vehicleId) {
        return new EarlyChannel(mqtt, vehicleId);
    }

    /** Waits for the channel and hands it over; rethrows what opening it threw. */
    MqttOutputChannel take() {
        if (taken) {
            throw new IllegalStateException("the early MQTT channel was taken already");
        }
        taken = true;
        try {
            opener.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeOpened();
            throw new IllegalStateException("interrupted while the MQTT channel opened", e);
        }
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error err) {
            throw err;
        }
        return channel;
    }

    /** Closes the channel when nobody took it. */
    void closeIfNotTaken() {
        if (!taken) {
            taken = true;
            closeOpened();
        }
    }

    private void closeOpened() {
        opener.interrupt();
        boolean interrupted = false;
        while (opener.isAlive()) {
            try {
                opener.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        MqttOutputChannel c = channel;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // start-up failed already: its exception is the one to report
            }
        }
    }
}
