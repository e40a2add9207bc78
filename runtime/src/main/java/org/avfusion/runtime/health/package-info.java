/**
 * Health and timing: latency recorders (HdrHistogram: written on the owner's thread, summarised from interval
 * histograms on any thread) and the one {@link org.avfusion.runtime.health.HealthReporter} that assembles the health
 * payload from thread-safe snapshots (immutable records published through volatile fields, or atomic counters).
 * {@link org.avfusion.runtime.health.GcPauseMonitor} records the JVM's GC pauses from the collectors' JMX
 * notifications for the run's latency report; {@link org.avfusion.runtime.health.FatalErrors} ends the process on an
 * error it must not go on from (out of memory), for the ring's stages and the CLI. Depends on HdrHistogram, JMX and the JSON output package.
 */
package org.avfusion.runtime.health;
