package org.avfusion.runtime.ring;

/**
 * How ring consumers wait for the next event. BLOCKING (a lock and condition for new events; short parks while the
 * stage before is busy, then a condition it signals: see {@code StageBlockingWaitStrategy}) costs no CPU while idle:
 * the choice for replay and for machines with few cores. YIELDING and BUSY_SPIN trade a core per stage for lower
 * latency on a vehicle computer with cores to spare; never use them with more stages than free cores.
 */
public enum WaitStrategyKind {
    BLOCKING,
    SLEEPING,
    YIELDING,
    BUSY_SPIN
}
