package org.avfusion.runtime.pipeline;

import org.avfusion.drivers.source.ReplayPacer;

/**
 * Whether a {@link Pipeline} polices its own timing with the profile's {@code deadline:} section: the latency budget
 * (a PROCEED / SLOW older than {@code deadline.budgetMillis} is published as STOP {@code DEADLINE_MISSED}) and the
 * watchdog (no decision for {@code deadline.watchdogPeriodMillis}: a STOP {@code WATCHDOG_NO_DECISION} from a thread
 * outside the pipeline). Both read the pipeline's {@code nowClock}, the vehicle clock.
 */
public enum Supervision {
    /** Budget and watchdog on: the vehicle ({@code run}), and replays at real time or slower. */
    ENFORCED,
    /**
     * Neither: a replay faster than real time, where the replay's clock runs ahead of the pipeline (as fast as possible
     * it is wherever the reader has got to), so ages would say nothing of the vehicle and would make decisions depend
     * on the machine's load; such replays must give the same decisions every time.
     */
    OFF;

    /** {@link #ENFORCED} at real time or slower, {@link #OFF} faster (and as fast as possible). */
    public static Supervision forReplaySpeed(double speed) {
        return speed != ReplayPacer.AS_FAST_AS_POSSIBLE && speed <= 1.0 ? ENFORCED : OFF;
    }
}
