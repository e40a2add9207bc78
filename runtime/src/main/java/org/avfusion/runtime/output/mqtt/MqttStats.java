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
        String lastError) {

    public MqttStats {
        Objects.requireNonNull(brokerUri, "brokerUri");
        published = Collections.unmodifiableMap(new EnumMap<>(requireAllTopics("published", published)));
        dropped = Collections.unmodifiableMap(new EnumMap<>(requireAllTopics("dropped", dropped)));
        if (connects < 0 || connectFailures < 0 || connectionLosses < 0 || inflight < 0) {
            throw new IllegalArgumentException("MqttStats counters must be >= 0: connects=" + connects
                    + " connectFailures=" + connectFailures + " connectionLosses=" + connectionLosses
                    + " inflight=" + inflight);
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
