/**
 * Health and timing: allocation-free latency histograms and the counters every stage, the ring and the output
 * report (frames per sensor, drops by reason, partial sets, stage errors). Read by the health publisher and the
 * replay report. Depends on the JDK only.
 */
package org.avfusion.runtime.health;
