package org.avfusion.drivers.recorded;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.recorded.mcap.McapChunkLoss;
import org.avfusion.drivers.recorded.mcap.McapFormatException;
import org.avfusion.drivers.recorded.mcap.McapReader;

/**
 * Turns the problems an {@link McapReader} counted into a source's {@link RecordedHealth}, for the MCAP sources
 * (avfusion recordings and ROS 2 files) alike: a chunk skipped counts the frames it held of the sensors the source
 * replays, in one message naming the chunk's offset, how many of which sensor and the log time span (messages of
 * channels the replay passes over are named, not counted as frames); a warning about the file is kept as one, not
 * counted; anything else counts one frame, as before.
 *
 * <p>Not thread-safe: the source's replay thread.
 */
public final class McapProblems {
    private final RecordedHealth health;
    private long seen;

    public McapProblems(RecordedHealth health) {
        this.health = health;
    }

    /**
     * Reports the problems {@code reader} counted since the last call.
     *
     * @param sensorOfChannel the sensor a channel id's messages feed, or null for a channel the replay passes over
     */
    public void report(McapReader reader, IntFunction<SensorId> sensorOfChannel) {
        if (reader.problemCount() == seen) {
            return;
        }
        List<McapFormatException> problems = reader.problems();
        for (long i = seen; i < reader.problemCount(); i++) {
            if (i >= problems.size()) {
                health.reject(RejectReason.UNREADABLE_FILE, reader.file() + ": a further problem (the reader keeps "
                        + "the first " + McapReader.KEPT_PROBLEMS + ")");
                continue;
            }
            McapFormatException p = problems.get((int) i);
            if (p.warning()) {
                health.warn(p.getMessage());
            } else if (p.loss() != null && p.loss().counted()) {
                reportLoss(p, p.loss(), sensorOfChannel);
            } else {
                health.reject(RejectReason.UNREADABLE_FILE, p.getMessage());
            }
        }
        seen = reader.problemCount();
    }

    private void reportLoss(McapFormatException p, McapChunkLoss loss, IntFunction<SensorId> sensorOfChannel) {
        Map<SensorId, Long> frames = new LinkedHashMap<>();
        long other = 0;
        for (Map.Entry<Integer, Long> e : loss.messagesByChannel().entrySet()) {
            SensorId sensor = sensorOfChannel.apply(e.getKey());
            if (sensor == null) {
                other += e.getValue();
            } else {
                frames.merge(sensor, e.getValue(), Long::sum);
            }
        }
        long total = frames.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder(p.getMessage()).append("; ");
        if (total == 0) {
            text.append("no frame of a replayed sensor among them");
            health.warn(text.toString());
            return;
        }
        text.append(total).append(total == 1 ? " frame" : " frames").append(" of ").append(frames);
        if (other > 0) {
            text.append(" (and ").append(other).append(" messages of channels the replay passes over)");
        }
        health.reject(RejectReason.UNREADABLE_FILE, total, text.toString());
    }
}
