package org.avfusion.runtime.stage;

import com.lmax.disruptor.EventHandler;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.runtime.align.AlignedSet;
import org.avfusion.runtime.health.HealthReporter;
import org.avfusion.runtime.health.LatencyRecorder;
import org.avfusion.runtime.output.DecisionListener;
import org.avfusion.runtime.output.OutputChannel;
import org.avfusion.runtime.output.json.PayloadEncoder;
import org.avfusion.runtime.plan.Decision;
import org.avfusion.runtime.ring.FrameEvent;
import org.avfusion.runtime.watchdog.DecisionWatchdog;

/**
 * Encodes and publishes each decision (with the obstacle list, and the occupancy grid every
 * {@code occupancyEverySets} sets), the health report every {@code healthPeriodNanos} of vehicle time, and records
 * the end-to-end latency: vehicle time from the moment the reference frame was complete (a sweep's last point) to
 * publication, and the age of the reference stamp (its first point) at publication.
 *
 * <p>With a {@link DeadlineGuard}, a decision whose age at publication (on {@code clock}, from its reference stamp)
 * is past the budget goes out as STOP {@code DEADLINE_MISSED} (to the output and the listener alike); with a
 * {@link DecisionWatchdog}, every decision published tells it so (one volatile write). Neither allocates unless a
 * decision is late (then one {@code Decision}).
 */
public final class PublishStage implements EventHandler<FrameEvent> {
    private final OutputChannel output;
    private final PayloadEncoder encoder;
    private final VehicleClock clock;
    private final DecisionListener listener;
    private final HealthReporter health;
    private final long healthPeriodNanos;
    private final int occupancyEverySets;
    private final StageTimer timer;
    private final LatencyRecorder endToEnd = new LatencyRecorder();
    private final LatencyRecorder pipeline = new LatencyRecorder();
    private final LatencyRecorder referenceAge = new LatencyRecorder();
    private final DeadlineGuard deadline;
    private final DecisionWatchdog watchdog;
    private long lastHealthNanos = Long.MIN_VALUE;
    private long sets;

    public PublishStage(OutputChannel output, PayloadEncoder encoder, VehicleClock clock, DecisionListener listener,
            HealthReporter health, long healthPeriodNanos, int occupancyEverySets) {
        this(output, encoder, clock, listener, health, healthPeriodNanos, occupancyEverySets, new StageTimer("publish"),
                null, null);
    }

    /**
     * @param timer    this stage's timer (made by the caller, so that {@code deadline} can weigh this stage too)
     * @param deadline the latency budget applied to each decision before it is encoded, on {@code clock}; null: none
     * @param watchdog told of every published decision; null: none
     */
    public PublishStage(OutputChannel output, PayloadEncoder encoder, VehicleClock clock, DecisionListener listener,
            HealthReporter health, long healthPeriodNanos, int occupancyEverySets, StageTimer timer,
            DeadlineGuard deadline, DecisionWatchdog watchdog) {
        this.timer = java.util.Objects.requireNonNull(timer, "timer");
        this.deadline = deadline;
        this.watchdog = watchdog;
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
        if (deadline != null) {
            decision = deadline.enforce(decision, now - set.referenceStampNanos());
        }
        double latencyMillis = (now - set.completeStampNanos()) / 1e6;
        double pipelineMillis = (System.nanoTime() - set.triggerWallNanos()) / 1e6;
        org.avfusion.runtime.route.RouteStatus route = event.route();
        if (route != null && route.routeChanged() && route.route() != null) {
            output.route(org.avfusion.runtime.route.RouteGeoJson.toGeoJson(route.route(), set.referenceStampNanos())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        output.decision(encoder.decision(decision, set, now, latencyMillis, pipelineMillis, route));
        if (watchdog != null) {
            watchdog.decisionMade();
        }
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
        output.health(health.report(encoder, vehicleNanos));
    }

    public StageTimer timer() {
        return timer;
    }

    /** Reference frame complete (a sweep's last point) to decision published, vehicle time: the latency. */
    public LatencyRecorder endToEndLatency() {
        return endToEnd;
    }

    /** Reference stamp (a sweep's first point) to decision published, vehicle time: the age of the oldest data. */
    public LatencyRecorder referenceAge() {
        return referenceAge;
    }

    /** Ring entry of the triggering event to decision published, wall time. */
    public LatencyRecorder pipelineLatency() {
        return pipeline;
    }
}
