package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.occupancy.GridUpdater;
import org.avfusion.runtime.occupancy.ObstacleExtractor;
import org.avfusion.runtime.occupancy.OccupancyGrid;
import org.avfusion.runtime.ring.FrameEvent;

/**
 * Keeps the occupancy grid: moves it with the ego motion since the previous set, integrates the set's scan, hands a
 * pooled snapshot of it down the ring and extracts the obstacle list into the slot. The live grid is owned by this
 * stage's thread alone.
 */
public final class FuseStage implements EventHandler<FrameEvent> {
    private final GridUpdater updater;
    private final OccupancyGrid live;
    private final BufferPool<OccupancyGrid> snapshots;
    private final ObstacleExtractor extractor = new ObstacleExtractor();
    private final StageTimer timer = new StageTimer("fuse");
    private final AtomicLong snapshotsMissed = new AtomicLong();
    private long lastStamp = Long.MIN_VALUE;
    private double lastSpeed;
    private double lastYawRate;

    public FuseStage(GridUpdater updater, OccupancyGrid live, BufferPool<OccupancyGrid> snapshots) {
        this.updater = updater;
        this.live = live;
        this.snapshots = snapshots;
        extractor.prepare(live); // its labels sized before the clock, not on the first set
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        AlignedSet set = event.set();
        if (!set.isFilled()) {
            return;
        }
        long start = System.nanoTime();
        long stamp = set.referenceStampNanos();
        if (set.hasEgoMotion()) {
            lastSpeed = set.speedMetersPerSecond();
            lastYawRate = set.yawRateRadPerSec();
        }
        if (lastStamp != Long.MIN_VALUE && stamp > lastStamp) {
            double dt = (stamp - lastStamp) / 1e9;
            updater.moveWithEgo(live, lastSpeed * dt, lastYawRate * dt);
        }
        lastStamp = Math.max(lastStamp, stamp);
        if (event.scan() != null) {
            updater.integrate(live, event.scan());
        }
        live.stampNanos(stamp);
        OccupancyGrid snapshot = snapshots.acquire();
        if (snapshot == null) {
            snapshotsMissed.incrementAndGet();
        } else {
            snapshot.copyFrom(live);
            event.grid(snapshot);
        }
        extractor.extract(live, event.obstacles());
        timer.record(start);
    }

    public StageTimer timer() {
        return timer;
    }

    public long snapshotsMissedCount() {
        return snapshotsMissed.get();
    }
}
