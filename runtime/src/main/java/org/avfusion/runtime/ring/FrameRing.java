package org.avfusion.runtime.ring;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The multi-producer ring and its stage chain.
 *
 * <pre>
 *   drivers --publish--&gt; [ ring of FrameEvent ] --&gt; align --&gt; perceive --&gt; fuse --&gt; decide --&gt; publish --&gt; clear
 *   clock ticks -------^                             (one thread per stage, each sees every slot in order)
 * </pre>
 *
 * <p>Every stage runs on its own thread and sees every slot in sequence order after the stage before it (or beside
 * it, or beside the whole chain: {@link Placement}); a {@link StageExceptionHandler} per stage keeps it alive; the
 * {@link ClearingHandler} runs last, after the chain and every stage beside it.
 */
public final class FrameRing implements AutoCloseable {
    /** Park period of a BLOCKING stage waiting for the stage before it (see {@link StageBlockingWaitStrategy}). */
    static final long STAGE_PARK_NANOS = 50_000;
    /** Parks (about 1 ms) before a BLOCKING stage blocks until the stage before it signals. */
    static final int STAGE_PARKS = 20;
    /** Longest a blocked stage goes without looking at the stage before it (progress nobody signals). */
    static final long STAGE_BACKSTOP_NANOS = 10_000_000;

    private final Disruptor<FrameEvent> disruptor;
    private final RingBuffer<FrameEvent> ringBuffer;
    private final Map<String, StageExceptionHandler> exceptionHandlers = new LinkedHashMap<>();
    private final AtomicLong droppedTicks = new AtomicLong();
    private final List<Thread> stageThreads = new CopyOnWriteArrayList<>();
    private final ClearingHandler clearing = new ClearingHandler();
    private volatile boolean closed;

    /** Where a stage runs relative to the stages listed before it. */
    public enum Placement {
        /** After the stage before it: it sees a slot once that stage (and any beside it) is done with it. */
        AFTER_PREVIOUS,
        /** Beside the stage before it: both see every slot, in parallel, and the next stage waits for both. */
        BESIDE_PREVIOUS,
        /**
         * Beside the whole chain: it sees every slot as soon as it is published and no stage waits for it but the
         * clearing handler (so the slot, and the payload in it, stay valid while it reads them). For work on frames
         * that the chain needs later, if at all, and must not hold up in the meantime (camera detection on arrival:
         * the next sweep's camera frame arrives as the current sweep completes).
         */
        BESIDE_CHAIN
    }

    /** A named stage. */
    public record Stage(String name, EventHandler<FrameEvent> handler, Placement placement) {
        public Stage {
            java.util.Objects.requireNonNull(placement, "placement");
        }

        /** A stage after the one before it. */
        public Stage(String name, EventHandler<FrameEvent> handler) {
            this(name, handler, Placement.AFTER_PREVIOUS);
        }
    }

    /**
     * @param config       size, wait strategy
     * @param sensorCount  sensors in the aligned sets
     * @param maxObstacles obstacles per slot
     * @param stages       the stages in order; a clearing handler is appended
     */
    public FrameRing(RingConfig config, int sensorCount, int maxObstacles, List<Stage> stages) {
        this(config, sensorCount, maxObstacles, FrameEvent.MAX_DETECTIONS, stages);
    }

    /**
     * @param config        size, wait strategy
     * @param sensorCount   sensors in the aligned sets
     * @param maxObstacles  obstacles per slot
     * @param maxDetections camera detections per slot, in [1, {@link FrameEvent#MAX_DETECTIONS}]: 1 when no detector
     *                      runs (every slot preallocates its list: 128 detections are 3 KiB, times 4,096 slots 13 MB
     *                      of heap that a ring without a detector never writes)
     * @param stages        the stages in order; a clearing handler is appended
     */
    public FrameRing(RingConfig config, int sensorCount, int maxObstacles, int maxDetections, List<Stage> stages) {
        if (maxDetections < 1 || maxDetections > FrameEvent.MAX_DETECTIONS) {
            throw new IllegalArgumentException("maxDetections must be in [1, " + FrameEvent.MAX_DETECTIONS + "], was "
                    + maxDetections);
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("the ring needs at least one stage");
        }
        ThreadFactory threads = new ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                String name = n.get() < stages.size() ? stages.get(n.get()).name() : "clear";
                n.incrementAndGet();
                Thread t = new Thread(r, "avfusion-" + name);
                t.setDaemon(true);
                stageThreads.add(t);
                return t;
            }
        };
        WaitStrategy waitStrategy = waitStrategy(config.waitStrategy());
        disruptor = new Disruptor<>(() -> new FrameEvent(sensorCount, maxObstacles, maxDetections), config.size(), threads,
                ProducerType.MULTI, waitStrategy);
        List<Stage> all = new ArrayList<>(stages.size());
        for (Stage stage : stages) {
            // a blocking stage after this one wakes when this one signals its progress
            all.add(waitStrategy instanceof StageBlockingWaitStrategy blocking
                    ? new Stage(stage.name(), new ProgressSignallingHandler(stage.handler(), blocking), stage.placement())
                    : stage);
        }
        if (all.get(0).placement() == Placement.BESIDE_PREVIOUS) {
            throw new IllegalArgumentException("the first stage has no stage to run beside: " + all.get(0).name());
        }
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).placement() == Placement.BESIDE_PREVIOUS
                    && all.get(i - 1).placement() == Placement.BESIDE_CHAIN) {
                throw new IllegalArgumentException("stage " + all.get(i).name() + " is beside the previous stage, "
                        + all.get(i - 1).name() + ", which is beside the chain: list it after a chain stage");
            }
        }
        if (all.stream().allMatch(s -> s.placement() == Placement.BESIDE_CHAIN)) {
            throw new IllegalArgumentException("the ring needs a chain: every stage is beside it");
        }
        // stages are registered in list order (the thread factory names the threads in that order)
        EventHandlerGroup<FrameEvent> group = null;
        EventHandlerGroup<FrameEvent> besideChain = null;
        for (int i = 0; i < all.size(); ) {
            if (all.get(i).placement() == Placement.BESIDE_CHAIN) {
                // gated by the publishers only; only the clearing handler waits for it
                EventHandlerGroup<FrameEvent> side = disruptor.handleEventsWith(all.get(i).handler());
                besideChain = besideChain == null ? side : besideChain.and(side);
                handleExceptions(all.get(i));
                i++;
                continue;
            }
            // the stage and those beside it form one group: each sees every slot after the previous group
            int end = i + 1;
            while (end < all.size() && all.get(end).placement() == Placement.BESIDE_PREVIOUS) {
                end++;
            }
            @SuppressWarnings("unchecked")
            EventHandler<FrameEvent>[] handlers = new EventHandler[end - i];
            for (int k = i; k < end; k++) {
                handlers[k - i] = all.get(k).handler();
            }
            group = group == null ? disruptor.handleEventsWith(handlers) : group.then(handlers);
            for (int k = i; k < end; k++) {
                handleExceptions(all.get(k));
            }
            i = end;
        }
        (besideChain == null ? group : group.and(besideChain)).then(clearing);
        StageExceptionHandler clearingErrors = new StageExceptionHandler("clear");
        exceptionHandlers.put("clear", clearingErrors);
        disruptor.handleExceptionsFor(clearing).with(clearingErrors);
        ringBuffer = disruptor.start();
    }

    private void handleExceptions(Stage stage) {
        StageExceptionHandler eh = new StageExceptionHandler(stage.name());
        exceptionHandlers.put(stage.name(), eh);
        disruptor.handleExceptionsFor(stage.handler()).with(eh);
    }

    static WaitStrategy waitStrategy(WaitStrategyKind kind) {
        return switch (kind) {
            case BLOCKING -> new StageBlockingWaitStrategy(STAGE_PARK_NANOS, STAGE_PARKS, STAGE_BACKSTOP_NANOS);
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }

    RingBuffer<FrameEvent> ringBuffer() {
        return ringBuffer;
    }

    /** Publishes a clock tick; dropped (and counted) when the ring is full: the next tick carries the same news. */
    public void publishTick(long vehicleNanos) {
        if (closed) {
            return;
        }
        long seq;
        try {
            seq = ringBuffer.tryNext();
        } catch (InsufficientCapacityException e) {
            droppedTicks.incrementAndGet();
            return;
        }
        try {
            ringBuffer.get(seq).setTick(vehicleNanos, System.nanoTime());
        } finally {
            ringBuffer.publish(seq);
        }
    }

    /**
     * As {@link #publishTick}, but waits for a free slot instead of dropping the tick: for a replay at full speed,
     * whose ticks must all reach the aligner so that it times out the same way on every replay.
     */
    public void publishTickWaiting(long vehicleNanos) {
        if (closed) {
            return;
        }
        long seq = ringBuffer.next();
        try {
            ringBuffer.get(seq).setTick(vehicleNanos, System.nanoTime());
        } finally {
            ringBuffer.publish(seq);
        }
    }

    public long droppedTickCount() {
        return droppedTicks.get();
    }

    public int size() {
        return ringBuffer.getBufferSize();
    }

    public long remainingCapacity() {
        return ringBuffer.remainingCapacity();
    }

    /** Errors per stage, in stage order. */
    public Map<String, Long> stageErrors() {
        Map<String, Long> m = new LinkedHashMap<>();
        exceptionHandlers.forEach((k, v) -> m.put(k, v.errorCount()));
        return m;
    }

    /**
     * Waits until every published event went through every stage (the clearing handler included), then stops the
     * stage threads and waits for them to end (their {@code onShutdown} has run when this returns).
     *
     * <p>Not {@code Disruptor.shutdown(timeout)}: that one skips consumers whose thread has not started yet, so a
     * ring stopped right after it was built halted before its threads ran and lost (and leaked) what was published.
     */
    public void drainAndStop(long timeoutMillis) throws TimeoutException {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (disruptor.getSequenceValueFor(clearing) < ringBuffer.getCursor()) {
            if (System.nanoTime() - deadline > 0) {
                throw TimeoutException.INSTANCE;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
        disruptor.halt();
        for (Thread t : stageThreads) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                t.join(Math.max(1, leftMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw TimeoutException.INSTANCE;
            }
            if (t.isAlive()) {
                throw TimeoutException.INSTANCE;
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            try {
                drainAndStop(5000);
            } catch (TimeoutException e) {
                disruptor.halt();
            }
        }
    }
}
