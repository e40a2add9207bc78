/**
 * The latency budget: {@link org.avfusion.runtime.deadline.LatencyBudget} turns a decision older than the budget
 * into a STOP with reason {@code DEADLINE_MISSED}: plain Java, no threads or I/O; {@code runtime.stage.DeadlineGuard}
 * applies it in the publish stage, counting misses and naming the slowest stage. Depends on {@code runtime.plan}
 * only.
 */
package org.avfusion.runtime.deadline;
