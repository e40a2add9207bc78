package org.avfusion.runtime.health;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Records the JVM's garbage-collection pauses from the collectors' MXBean notifications
 * ({@link GarbageCollectionNotificationInfo}), so that a run's latency report can say which pauses overlapped it.
 *
 * <p>What counts as a pause: every notification except those of the concurrent-cycle beans ({@code "ZGC Cycles"},
 * {@code "Shenandoah Cycles"}, whose durations are mostly concurrent work). For G1 these are the young, mixed and
 * full collections ({@code "G1 Young Generation"}, {@code "G1 Old Generation"}); G1's remark and cleanup pauses
 * are not notified in JDK 17 (they show in {@code -Xlog:gc}). Times are JVM uptime milliseconds, as
 * {@link GcInfo#getStartTime()} gives them.
 *
 * <p>Threading: notifications arrive on a JMX thread; {@link #summary} may be called from any thread. Keeps at most
 * {@value #MAX_PAUSES} pauses (then counts the rest only).
 */
public final class GcPauseMonitor implements AutoCloseable {
    static final int MAX_PAUSES = 100_000;

    /** One pause: JVM uptime at its start, duration, collector bean name and cause, e.g. "System.gc()". */
    public record Pause(long startUptimeMillis, long durationMillis, String collector, String cause) {
    }

    /**
     * Pauses within a window.
     *
     * @param count        pauses that overlapped the window
     * @param totalMillis  their summed duration
     * @param maxMillis    the longest, 0 when none
     * @param byCause      count per cause
     * @param lost         pauses not kept (over {@value #MAX_PAUSES}); they are in no figure
     */
    public record Summary(long count, long totalMillis, long maxMillis, Map<String, Long> byCause, long lost) {
        public Summary {
            byCause = Map.copyOf(byCause);
        }
    }

    private final List<Pause> pauses = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private long lost;

    GcPauseMonitor() {
    }

    /** Starts listening to every collector that emits notifications. */
    public static GcPauseMonitor start() {
        GcPauseMonitor m = new GcPauseMonitor();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e && !isConcurrentCycleBean(gc.getName())) {
                e.addNotificationListener(m.listener, n -> GarbageCollectionNotificationInfo
                        .GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType()), null);
                m.emitters.add(e);
            }
        }
        return m;
    }

    static boolean isConcurrentCycleBean(String name) {
        return name.endsWith(" Cycles");
    }

    /** JVM uptime now, milliseconds: the clock of {@link Pause#startUptimeMillis()}. */
    public static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    private void onNotification(Notification n, Object handback) {
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        GcInfo gc = info.getGcInfo();
        record(new Pause(gc.getStartTime(), gc.getDuration(), info.getGcName(), info.getGcCause()));
    }

    synchronized void record(Pause p) {
        if (pauses.size() < MAX_PAUSES) {
            pauses.add(p);
        } else {
            lost++;
        }
    }

    /** Every pause kept so far, in arrival order. */
    public synchronized List<Pause> pauses() {
        return List.copyOf(pauses);
    }

    /** The pauses overlapping [fromUptimeMillis, toUptimeMillis]. */
    public synchronized Summary summary(long fromUptimeMillis, long toUptimeMillis) {
        long count = 0;
        long total = 0;
        long max = 0;
        Map<String, Long> causes = new TreeMap<>();
        for (Pause p : pauses) {
            if (p.startUptimeMillis() <= toUptimeMillis
                    && p.startUptimeMillis() + p.durationMillis() >= fromUptimeMillis) {
                count++;
                total += p.durationMillis();
                max = Math.max(max, p.durationMillis());
                causes.merge(p.cause(), 1L, Long::sum);
            }
        }
        return new Summary(count, total, max, causes, lost);
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already removed
            }
        }
        emitters.clear();
    }
}
