/**
 * The fail-safe that does not live in the pipeline: {@link org.avfusion.runtime.watchdog.DecisionWatchdog} runs on
 * its own thread and publishes a STOP when the pipeline has made no decision for a period (GC pause, deadlock, a stage
 * blocked). Depends on the JDK and SLF4J only; the way out is a callback.
 */
package org.avfusion.runtime.watchdog;
