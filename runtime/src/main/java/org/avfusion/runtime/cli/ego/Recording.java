package org.avfusion.runtime.cli.ego;

import java.util.List;
import java.util.Map;
import org.avfusion.runtime.ego.GnssLatency;

/**
 * A recording turned into measurements, sorted by arrival, with the latency estimated per GNSS source (source name
 * to estimate; empty when the recording has none or the latency is not estimated).
 */
public record Recording(List<TimedMeasurement> measurements, Map<String, GnssLatency> gnssLatency) {
    public Recording {
        measurements = List.copyOf(measurements);
        gnssLatency = Map.copyOf(gnssLatency);
    }
}
