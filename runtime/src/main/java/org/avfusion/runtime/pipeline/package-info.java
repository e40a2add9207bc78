/**
 * Assembly: builds the ring, its stages and the output from a {@link org.avfusion.runtime.config.RuntimeConfig},
 * and the jobs that feed it ({@link org.avfusion.runtime.pipeline.ReplayJob} for recorded and simulated drives).
 * Plumbing only.
 */
package org.avfusion.runtime.pipeline;
