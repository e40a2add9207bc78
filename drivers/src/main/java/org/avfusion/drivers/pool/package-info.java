/**
 * Pools of large frame buffers (point clouds, images) and the reference-counting ownership rule.
 *
 * <p><b>Ownership rule.</b> A driver {@link org.avfusion.drivers.pool.BufferPool#acquire() acquires} a buffer
 * (reference count 1), fills it and hands it to a {@link org.avfusion.drivers.source.FrameSink}: from that
 * call on the sink owns that reference and the driver must not touch the buffer again. Whoever holds a
 * reference and wants to keep the buffer past the call it was given in calls
 * {@link org.avfusion.drivers.pool.PooledPayload#retain()}, and {@link org.avfusion.drivers.pool.PooledPayload#release()}
 * once done. The last release puts the buffer back in its pool. A sink that drops a frame releases it.
 * Depends on nothing but the JDK.
 */
package org.avfusion.drivers.pool;
