/**
 * The ring: an LMAX Disruptor of preallocated {@link org.avfusion.runtime.ring.FrameEvent} slots that drivers publish
 * into through {@link org.avfusion.runtime.ring.RingFrameSink} (with a per-sensor policy for a full ring), the
 * stage exception handler that keeps the pipeline alive, the clearing handler that gives pooled buffers back, and the
 * wait strategy by which a stage blocks while the stage before it is busy (each stage signals its progress).
 * This is plumbing: the algorithms it carries data between live in their own packages.
 */
package org.avfusion.runtime.ring;
