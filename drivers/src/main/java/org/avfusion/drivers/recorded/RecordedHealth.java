package org.avfusion.drivers.recorded;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.frame.SensorId;

/**
 * Health of one recorded source: frames published per sensor, input rejected per {@link RejectReason}, and the
 * last error messages, each naming the file and the byte offset, line or field at fault.
 *
 * <p>Threading: written by the one replay thread, read by any thread (counters are atomic, the message list is
 * synchronized). Keeps at most {@link #KEPT_MESSAGES} messages, the first (what the replay's console and report list
 * under "skipped"), and the last one in {@link #lastError()}: a recording with thousands of bad lines listed its 64
 * newest, so the console's "first 10" were not the first.
 */
public final class RecordedHealth {
    /** How many error messages are kept. */
    public static final int KEPT_MESSAGES = 64;

    private final String source;
    private final Map<SensorId, AtomicLong> frames = new ConcurrentHashMap<>();
    private final Map<RejectReason, AtomicLong> rejected = new EnumMap<>(RejectReason.class);
    private final ArrayDeque<String> messages = new ArrayDeque<>();
    private volatile String lastError = "";

    /** @param source names the drive in reports, e.g. the bag's file name */
    public RecordedHealth(String source) {
        this.source = Objects.requireNonNull(source, "source");
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, new AtomicLong());
        }
    }

    public String source() {
        return source;
    }

    /** Counts one frame published for {@code sensor}. */
    public void framePublished(SensorId sensor) {
        frames.computeIfAbsent(sensor, s -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Counts one rejection.
     *
     * @param message names the file and the offset, line or field, and the value at fault
     */
    public void reject(RejectReason reason, String message) {
        reject(reason, 1, message);
    }

    /**
     * Counts {@code count} rejections with one message: input lost together, e.g. the messages of a damaged chunk.
     *
     * @param count   at least 1
     * @param message names the file and the offset, what is wrong, and how many of what were lost
     */
    public void reject(RejectReason reason, long count, String message) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        rejected.get(reason).addAndGet(count);
        String line = reason + ": " + message;
        lastError = line;
        synchronized (messages) {
            if (messages.size() < KEPT_MESSAGES) {
                messages.addLast(line);
            }
        }
    }

    /**
     * Keeps a message about the input that costs no frame (a file checksum that does not match, damage outside the
     * data): listed with the rejections, as {@code "WARNING: <message>"}, and counted nowhere.
     *
     * @param message names the file and the offset, what is wrong and what it means for the replay
     */
    public void warn(String message) {
        Objects.requireNonNull(message, "message");
        synchronized (messages) {
            if (messages.size() < KEPT_MESSAGES) {
                messages.addLast("WARNING: " + message);
            }
        }
    }

    /** Frames published for {@code sensor}. */
    public long frames(SensorId sensor) {
        AtomicLong count = frames.get(sensor);
        return count == null ? 0 : count.get();
    }

    /** Frames published, all sensors. */
    public long frames() {
        return frames.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long rejected(RejectReason reason) {
        return rejected.get(reason).get();
    }

    /** Rejections, all reasons. */
    public long rejected() {
        return rejected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** {@code "<REASON>: <message>"} of the last rejection, or empty. */
    public String lastError() {
        return lastError;
    }

    /** The first rejection messages, in the order they came. */
    public List<String> messages() {
        synchronized (messages) {
            return List.copyOf(new ArrayList<>(messages));
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(source).append(": frames ").append(frames());
        for (RejectReason reason : RejectReason.values()) {
            long n = rejected(reason);
            if (n > 0) {
                text.append(", ").append(reason).append(' ').append(n);
            }
        }
        if (!lastError.isEmpty()) {
            text.append(", last error: ").append(lastError);
        }
        return text.toString();
    }
}
