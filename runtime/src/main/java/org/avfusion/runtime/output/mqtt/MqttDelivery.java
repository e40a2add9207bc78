package org.avfusion.runtime.output.mqtt;

import java.nio.file.Path;

/**
 * How {@link MqttOutput} makes sure decisions arrive (see {@link DecisionOutbox}).
 *
 * @param outboxCapacity   decisions held while the broker does not acknowledge them, [1, 1000000]; past it the
 *                         oldest is dropped and counted
 * @param outboxDir        folder of the file-backed outbox ({@code <clientId>.outbox}); null keeps it in memory
 *                         (survives a broker outage, not a restart of the process)
 * @param ackTimeoutMillis a decision not acknowledged within this time means the broker is frozen: the connection
 *                         is dropped and re-established, [100, 600000] ms
 */
public record MqttDelivery(int outboxCapacity, Path outboxDir, long ackTimeoutMillis) {

    /** 600 decisions (a minute at 10 Hz) in memory, 3 s acknowledgement deadline. */
    public static final MqttDelivery DEFAULTS = new MqttDelivery(600, null, 3_000);

    public MqttDelivery {
        if (outboxCapacity < 1 || outboxCapacity > 1_000_000) {
            throw new IllegalArgumentException("mqtt outboxCapacity must be in [1, 1000000] decisions: "
                    + outboxCapacity);
        }
        if (ackTimeoutMillis < 100 || ackTimeoutMillis > 600_000) {
            throw new IllegalArgumentException("mqtt ackTimeoutMillis must be in [100, 600000] ms: "
                    + ackTimeoutMillis);
        }
    }

    /** Opens the outbox these settings describe, named for the client. */
    public DecisionOutbox openOutbox(String clientId) {
        return outboxDir == null ? DecisionOutbox.inMemory(outboxCapacity)
                : DecisionOutbox.open(outboxDir, clientId.replaceAll("[^A-Za-z0-9_.-]", "_"), outboxCapacity);
    }
}
