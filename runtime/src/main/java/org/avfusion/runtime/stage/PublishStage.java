package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.health.LatencyHistogram;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.runtime.output.json.PayloadEncoder;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.ring.FrameEvent;

/**
 * Encodes and publishes each decision (with the obstacle list, and the occupancy grid every
 * {@code occupancyEverySets} sets), the health report every {@code healthPeriodNanos} of vehicle time, and records
 * the end-to-end latency: vehicle time from the moment the reference frame was complete (a sweep's last point) to
 * publication, and the age of the reference stamp (its first point) at publication.
 */
public final class PublishStage implements EventHandler<FrameEvent> {
    private final OutputChannel output;
    private final PayloadEncoder encoder;
    private final VehicleClock clock;
    private final DecisionListener listener;
    private final HealthContributor health;
    private final long healthPeriodNanos;
    private final int occupancyEverySets;
    private final StageTimer timer = new StageTimer("publish");
    private final LatencyHistogram endToEnd = new LatencyHistogram();
    private final LatencyHistogram pipeline = new LatencyHistogram();
    private final LatencyHistogram referenceAge = new LatencyHistogram();
    private long lastHealthNanos = Long.MIN_VALUE;
    private long sets;

    public PublishStage(OutputChannel output, PayloadEncoder encoder, VehicleClock clock, DecisionListener listener,
            HealthContributor health, long healthPeriodNanos, int occupancyEverySets) {
        this.output = output;
        this.encoder = encoder;
        this.clock = clock;
        this.listener = listener;
        this.health = health;
        this.healthPeriodNanos = healthPeriodNanos;
        this.occupancyEverySets = occupancyEverySets;
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        long vehicleNow = event.arrivalNanos();
        if (lastHealthNanos == Long.MIN_VALUE || vehicleNow - lastHealthNanos >= healthPeriodNanos) {
            lastHealthNanos = vehicleNow;
            publishHealth(vehicleNow);
        }
        AlignedSet set = event.set();
        Decision decision = event.decision();
        if (!set.isFilled() || decision == null) {
            return;
        }
        long start = System.nanoTime();
        long now = clock.nowNanos();
        double latencyMillis = (now - set.completeStampNanos()) / 1e6;
        double pipelineMillis = (System.nanoTime() - set.triggerWallNanos()) / 1e6;
        output.decision(encoder.decision(decision, set, now, latencyMillis, pipelineMillis));
        output.objects(encoder.objects(set.referenceStampNanos(), event.obstacles(), event.detections(), event.tracks()));
        if (event.grid() != null && sets % occupancyEverySets == 0) {
            output.occupancy(encoder.occupancy(event.grid()));
        }
        sets++;
        endToEnd.recordNanos(Math.max(0, now - set.completeStampNanos()));
        referenceAge.recordNanos(Math.max(0, now - set.referenceStampNanos()));
        pipeline.recordNanos(Math.max(0, System.nanoTime() - set.triggerWallNanos()));
        listener.onDecision(decision, set, latencyMillis);
        timer.record(start);
    }

    /** Publishes a health report now (also called once at shutdown). */
    public void publishHealth(long vehicleNanos) {
        var w = encoder.beginHealth(vehicleNanos);
        health.appendTo(w);
        output.health(w.endBytes());
    }

    public StageTimer timer() {
        return timer;
    }

    /** Reference frame complete (a sweep's last point) to decision published, vehicle time: the latency. */
    public LatencyHistogram endToEndLatency() {
        return endToEnd;
    }

    /** Reference stamp (a sweep's first point) to decision published, vehicle time: the age of the oldest data. */
    public LatencyHistogram referenceAge() {
        return referenceAge;
    }

    /** Ring entry of the triggering event to decision published, wall time. */
    public LatencyHistogram pipelineLatency() {
        return pipeline;
    }
}
