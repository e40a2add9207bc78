package org.avfusion.runtime.output.mqtt;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of {@link MqttOutput}'s counters, taken by {@link MqttOutput#stats()}; immutable.
 *
 * @param brokerUri        the broker the output talks to (so that a report of failures names it)
 * @param connected        whether the client was connected when the snapshot was taken
 * @param connects         successful connections since start (first connect and reconnects)
 * @param connectFailures  failed connection attempts (refused, timed out, unreachable)
 * @param connectionLosses established connections that went away without {@code close()}
 * @param inflight         messages handed to the client and not yet written or acknowledged
 * @param published        per topic: messages the client finished sending (QoS 0 written, QoS 1 acknowledged)
 * @param dropped          per topic: messages refused by {@code publish} (disconnected, in-flight bound reached,
 *                         client error) or accepted and then lost with the connection
 * @param lastError        the last connection or publish error, naming the broker URI, or {@code null} if none
 * @param outboxPending    decisions held in the outbox, not yet acknowledged (after {@code close()}: those left in a
 *                         file-backed outbox for the next start)
 * @param outboxCapacity   the outbox's bound
 * @param outboxEvicted    decisions dropped because the outbox was full (oldest first); part of
 *                         {@code dropped(DECISION)}
 * @param lateDelivered    decisions acknowledged after being marked late (made or waiting during an outage)
 * @param ackTimeouts      connections dropped because the broker did not acknowledge within the deadline (frozen)
 * @param lostAtClose      decisions still unacknowledged when an in-memory outbox was closed; part of
 *                         {@code dropped(DECISION)}
 * @param recovered        decisions recovered from the outbox file at start (delivered late)
 */
public record MqttStats(
        String brokerUri,
        boolean connected,
        long connects,
        long connectFailures,
        long connectionLosses,
        int inflight,
        Map<OutputTopic, Long> published,
        Map<OutputTopic, Long> dropped,
        String lastError,
        int outboxPending,
        int outboxCapacity,
        long outboxEvicted,
        long lateDelivered,
        long ackTimeouts,
        long lostAtClose,
        long recovered) {

    public MqttStats {
        Objects.requireNonNull(brokerUri, "brokerUri");
        published = Collections.unmodifiableMap(new EnumMap<>(requireAllTopics("published", published)));
        dropped = Collections.unmodifiableMap(new EnumMap<>(requireAllTopics("dropped", dropped)));
        if (connects < 0 || connectFailures < 0 || connectionLosses < 0 || inflight < 0 || outboxPending < 0
                || outboxEvicted < 0 || lateDelivered < 0 || ackTimeouts < 0 || lostAtClose < 0 || recovered < 0) {
            throw new IllegalArgumentException("MqttStats counters must be >= 0: connects=" + connects
                    + " connectFailures=" + connectFailures + " connectionLosses=" + connectionLosses
                    + " inflight=" + inflight + " outboxPending=" + outboxPending + " outboxEvicted=" + outboxEvicted
                    + " lateDelivered=" + lateDelivered + " ackTimeouts=" + ackTimeouts + " lostAtClose="
                    + lostAtClose + " recovered=" + recovered);
        }
    }

    /** Messages published on {@code topic}. */
    public long published(OutputTopic topic) {
        return published.get(topic);
    }

    /** Messages dropped on {@code topic}. */
    public long dropped(OutputTopic topic) {
        return dropped.get(topic);
    }

    /**
     * Decisions that did not reach the broker in this run and never will: dropped (outbox full, refused by the
     * broker, in-memory outbox closed with decisions left). A replay reports this and exits non-zero when it is not 0.
     * Decisions left in a file-backed outbox ({@link #outboxPending()} after close) are not counted: they are sent
     * at the next start.
     */
    public long decisionsLost() {
        return dropped(OutputTopic.DECISION);
    }

    /** Messages dropped on all topics. */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<OutputTopic, Long> requireAllTopics(String field, Map<OutputTopic, Long> counts) {
        Objects.requireNonNull(counts, field);
        for (OutputTopic topic : OutputTopic.values()) {
            Long count = counts.get(topic);
            if (count == null || count < 0) {
                throw new IllegalArgumentException("MqttStats." + field + " needs a count >= 0 for " + topic
                        + ": " + counts);
            }
        }
        return counts;
    }
}
