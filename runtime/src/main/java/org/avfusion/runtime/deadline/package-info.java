/**
 * The latency budget: {@link org.avfusion.runtime.deadline.LatencyBudget} turns a decision older than the budget
 * into a STOP with reason {@code DEADLINE_MISSED}, and {@link org.avfusion.runtime.deadline.DeadlineConfig} is the
 * profile's {@code deadline:} section (budget and watchdog period, ranges checked at load): plain Java, no threads or
 * I/O; {@code runtime.stage.DeadlineGuard} applies the budget in the publish stage, counting misses and naming the
 * slowest stage. Depends on {@code runtime.plan} and the calibration module's YAML bounds only.
 */
package org.avfusion.runtime.deadline;
