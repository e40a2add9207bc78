package org.avfusion.scenarios.sim;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.avfusion.scenarios.sim.world.SpeedProfile;

/**
 * The ego of a closed-loop scenario: its speed profile is what its driver would like to drive; the runtime's
 * commands ({@link EgoCommands}) cap it. Longitudinal dynamics are integrated at {@value #STEP_NANOS} ns: the speed
 * moves toward {@code min(profile, limit)}, braking at the commanded deceleration (at most {@code
 * maxDecelMetersPerSec2}, at least {@value #MIN_DECEL_METERS_PER_SEC2}) and accelerating at {@code
 * maxAccelMetersPerSec2}.
 *
 * <p><b>Determinism (lockstep).</b> A command takes effect at its reference stamp plus the reaction delay, in vehicle
 * time. Before the drive renders anything at vehicle time {@code t} it calls {@link #advanceTo}, which waits until
 * the runtime has delivered every decision that could take effect by {@code t}: decisions arrive in stamp order,
 * so once one with a stamp at or after {@code t - delay - period + margin} has arrived, the next can only act after
 * {@code t}. At {@code --speed max} this is lockstep; at real time the decisions are normally there already. A
 * runtime that stops deciding (e.g. a dead lidar before its timeout releases sets) is waited for at most {@value
 * #WAIT_LIMIT_NANOS} ns of wall time, after which the drive goes on and counts it in {@link #lockstepTimeouts()}
 * (that drive is no longer guaranteed to repeat exactly).
 *
 * <p>Threading: {@link #command} from the runtime's publish thread, {@link #advanceTo} from the drive's replay
 * thread; the state at a time already integrated may be read from any thread.
 */
public final class ClosedLoopEgo implements EgoCommands {
    static final long STEP_NANOS = 1_000_000L;
    static final double MIN_DECEL_METERS_PER_SEC2 = 0.5;
    static final long WAIT_LIMIT_NANOS = 5_000_000_000L;
    /** Slack for the jitter of reference stamps around the sweep period. */
    static final long STAMP_MARGIN_NANOS = 10_000_000L;

    private final double startS;
    private final SpeedProfile wish;
    private final long delayNanos;
    private final long periodNanos;
    private final double maxDecel;
    private final double maxAccel;
    private final double[] s;
    private final double[] v;
    private final double[] a;
    private volatile int integrated; // steps [0, integrated] are valid
    private final Object lock = new Object();
    private final ArrayDeque<long[]> pendingStamps = new ArrayDeque<>();
    private final ArrayDeque<double[]> pendingCommands = new ArrayDeque<>();
    private long lastDecisionStamp;
    private double limit = Double.POSITIVE_INFINITY;
    private double decel = MIN_DECEL_METERS_PER_SEC2;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong lateCommands = new AtomicLong();

    /**
     * @param decisionPeriodNanos how often the runtime decides (the lidar's sweep period)
     */
    ClosedLoopEgo(double startSMeters, SpeedProfile wish, long durationNanos, long decisionPeriodNanos,
            ScenarioSpec.Ego ego) {
        this.startS = startSMeters;
        this.wish = wish;
        this.delayNanos = Math.round(ego.reactionDelaySeconds() * 1e9);
        this.periodNanos = decisionPeriodNanos;
        this.maxDecel = ego.maxDecelMetersPerSec2();
        this.maxAccel = ego.maxAccelMetersPerSec2();
        int n = (int) (durationNanos / STEP_NANOS) + 2;
        s = new double[n];
        v = new double[n];
        a = new double[n];
        lastDecisionStamp = -decisionPeriodNanos; // as if one came a period before the first sweep
        s[0] = startSMeters;
        v[0] = wish.speedAt(0);
        integrated = 0;
    }

    @Override
    public void command(long referenceStampNanos, double speedLimitMetersPerSec, double decelMetersPerSec2) {
        synchronized (lock) {
            pendingStamps.add(new long[] {referenceStampNanos + delayNanos});
            pendingCommands.add(new double[] {speedLimitMetersPerSec, decelMetersPerSec2});
            lastDecisionStamp = Math.max(lastDecisionStamp, referenceStampNanos);
            commands.incrementAndGet();
            lock.notifyAll();
        }
    }

    /** Integrates up to {@code vehicleNanos}, first waiting for the decisions that could act by then. */
    void advanceTo(long vehicleNanos) {
        int target = (int) Math.min(s.length - 1, Math.max(0, vehicleNanos / STEP_NANOS + 1));
        if (target <= integrated) {
            return;
        }
        long needed = vehicleNanos - delayNanos - periodNanos + STAMP_MARGIN_NANOS;
        synchronized (lock) {
            long deadline = System.nanoTime() + WAIT_LIMIT_NANOS;
            while (lastDecisionStamp < needed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    timeouts.incrementAndGet();
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (int k = integrated + 1; k <= target; k++) {
                long t = (long) k * STEP_NANOS;
                while (!pendingStamps.isEmpty() && pendingStamps.peek()[0] <= t) {
                    if (pendingStamps.peek()[0] < t - STEP_NANOS) {
                        lateCommands.incrementAndGet();
                    }
                    pendingStamps.poll();
                    double[] c = pendingCommands.poll();
                    limit = c[0];
                    decel = Math.max(MIN_DECEL_METERS_PER_SEC2, Math.min(maxDecel, c[1]));
                }
                step(k, t);
            }
            integrated = target;
        }
    }

    private void step(int k, long tNanos) {
        double dt = STEP_NANOS / 1e9;
        double goal = Math.min(wish.speedAt(tNanos / 1e9), limit);
        double speed = v[k - 1];
        double next = speed > goal ? Math.max(goal, speed - decel * dt) : Math.min(goal, speed + maxAccel * dt);
        next = Math.max(0, next);
        v[k] = next;
        a[k] = (next - speed) / dt;
        s[k] = s[k - 1] + 0.5 * (speed + next) * dt;
    }

    private double interpolate(double[] x, long vehicleNanos) {
        double f = Math.max(0, vehicleNanos) / (double) STEP_NANOS;
        int i = (int) Math.floor(f);
        int last = integrated;
        if (i >= last) {
            return x[last];
        }
        double w = f - i;
        return x[i] * (1 - w) + x[i + 1] * w;
    }

    /** Arc length along the road at a time already integrated (held after the last integrated step). */
    double sAt(long vehicleNanos) {
        return interpolate(s, vehicleNanos);
    }

    double speedAt(long vehicleNanos) {
        return interpolate(v, vehicleNanos);
    }

    double accelAt(long vehicleNanos) {
        int i = (int) Math.min(integrated, Math.max(0, vehicleNanos / STEP_NANOS));
        return a[i];
    }

    /** Decisions received. */
    public long commandCount() {
        return commands.get();
    }

    /** Times the drive went on without the decisions it waited for (the drive may then not repeat exactly). */
    public long lockstepTimeouts() {
        return timeouts.get();
    }

    /** Commands that arrived after the time they should have acted (0 in lockstep). */
    public long lateCommands() {
        return lateCommands.get();
    }

    double startSMeters() {
        return startS;
    }
}
