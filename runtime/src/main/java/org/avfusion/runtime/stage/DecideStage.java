package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.atomic.AtomicLongArray;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.align.SensorStatus;
import org.avfusion.runtime.ego.EgoQuality;
import org.avfusion.runtime.fusion.Modality;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.plan.DecisionKind;
import org.avfusion.runtime.plan.DecisionPolicy;
import org.avfusion.runtime.ring.FrameEvent;

/** Runs the {@link DecisionPolicy} on every set (its grid snapshot and tracks) and writes the decision into the slot. */
public final class DecideStage implements EventHandler<FrameEvent> {
    private final DecisionPolicy policy;
    private final int[] criticalSensors;
    private final int cameraIndex;
    private final StageTimer timer = new StageTimer("decide");
    private final AtomicLongArray byKind = new AtomicLongArray(DecisionKind.values().length);
    private final AtomicLongArray byEgoQuality = new AtomicLongArray(EgoQuality.values().length);
    private final RouteLoop route;

    /** @param criticalSensors indices of the sensors (other than the reference) whose silence forces a STOP */
    public DecideStage(DecisionPolicy policy, int[] criticalSensors) {
        this(policy, criticalSensors, -1);
    }

    /**
     * @param cameraIndex the sensor index of the camera detections come from, -1 when detection is off (a decision
     *                    then names lidar as its only modality)
     */
    public DecideStage(DecisionPolicy policy, int[] criticalSensors, int cameraIndex) {
        this(policy, criticalSensors, cameraIndex, null);
    }

    /**
     * @param route the map in the loop (corridor along the route, progress, REROUTE / NO_ROUTE), or null without a
     *              map: the corridor is the arc from speed and yaw rate
     */
    public DecideStage(DecisionPolicy policy, int[] criticalSensors, int cameraIndex, RouteLoop route) {
        this.route = route;
        this.policy = policy;
        this.criticalSensors = criticalSensors.clone();
        this.cameraIndex = cameraIndex;
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        AlignedSet set = event.set();
        if (!set.isFilled()) {
            return;
        }
        long start = System.nanoTime();
        boolean lidarPresent = set.cloud() != null && event.scan() != null && event.grid() != null;
        boolean criticalSilent = false;
        for (int i : criticalSensors) {
            criticalSilent |= set.status(i) == SensorStatus.SILENT;
        }
        int inputs = (lidarPresent ? Modality.LIDAR.bit() : 0)
                | (cameraIndex >= 0 && set.image(cameraIndex) != null ? Modality.CAMERA.bit() : 0);
        if (route != null) {
            policy.useCorridorPath(route.before(set));
        }
        Decision d = policy.decide(set.referenceStampNanos(), lidarPresent, criticalSilent,
                set.speedMetersPerSecond(), set.yawRateRadPerSec(), set.egoEstimate(), event.grid(), event.tracks(),
                inputs);
        if (route != null) {
            var routed = route.after(d);
            d = routed.decision();
            event.route(routed.route());
        }
        event.decision(d);
        byKind.incrementAndGet(d.kind().ordinal());
        if (d.egoQuality() != null) {
            byEgoQuality.incrementAndGet(d.egoQuality().ordinal());
        }
        timer.record(start);
    }

    public StageTimer timer() {
        return timer;
    }

    public long decisionCount(DecisionKind kind) {
        return byKind.get(kind.ordinal());
    }

    /** Decisions made with an ego-motion estimate of this quality (filter enabled). */
    public long decisionCount(EgoQuality quality) {
        return byEgoQuality.get(quality.ordinal());
    }
}
