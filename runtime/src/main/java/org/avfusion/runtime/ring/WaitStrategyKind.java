package org.avfusion.runtime.ring;

/**
 * How ring consumers wait for the next event. BLOCKING (a lock and conditions for new events and for the stage before
 * finishing, which signals: see {@code StageBlockingWaitStrategy}) costs no CPU while idle or while the stage before
 * is busy: the choice for replay and for machines with few cores. YIELDING and BUSY_SPIN trade a core per stage for lower
 * latency on a vehicle computer with cores to spare; never use them with more stages than free cores.
 */
public enum WaitStrategyKind {
    BLOCKING,
    SLEEPING,
    YIELDING,
    BUSY_SPIN
}
