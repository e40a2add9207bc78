package org.avfusion.runtime.ego;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of the {@link EgoMotionFilter}, a snapshot per source: what was fused and what was refused, and why.
 *
 * @param perSource   counters per source (every source present, zeros when unseen)
 * @param reanchors   times the position was reset to GNSS after {@link EgoFilterConfig#reanchorAfterGatedFixes()}
 *                    consecutive gated fixes
 * @param refiltered  measurements re-applied after an out-of-order insertion
 */
public record EgoHealth(Map<EgoSource, SourceCounters> perSource, long reanchors, long refiltered) {

    public EgoHealth {
        perSource = Map.copyOf(perSource);
    }

    /**
     * @param fused          measurements applied
     * @param gated          refused by the Mahalanobis gate
     * @param timeBackwards  stamp earlier than the same source's previous one (dropped)
     * @param tooOld         older than the out-of-order window or the history (dropped)
     * @param outOfOrder     late but inside the window: inserted and re-filtered
     * @param stuck          samples ignored because a wheel (or the speed signal) was stuck
     * @param stuckEvents    times a wheel (or the speed signal) was found stuck
     */
    public record SourceCounters(long fused, long gated, long timeBackwards, long tooOld, long outOfOrder,
            long stuck, long stuckEvents) {
    }

    /** Counters of one source. */
    public SourceCounters of(EgoSource source) {
        return perSource.get(source);
    }

    static EgoHealth of(long[][] counters, long reanchors, long refiltered) {
        Map<EgoSource, SourceCounters> map = new EnumMap<>(EgoSource.class);
        for (EgoSource s : EgoSource.values()) {
            long[] c = counters[s.ordinal()];
            map.put(s, new SourceCounters(c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
        }
        return new EgoHealth(map, reanchors, refiltered);
    }
}
