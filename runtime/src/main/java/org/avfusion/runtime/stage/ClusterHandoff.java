package org.avfusion.runtime.stage;

import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.runtime.perceive.lidar.ObstacleClusters;

/**
 * The clusters of recent sweeps, handed from the {@link ClusterStage} (which clusters each reference sweep as it
 * arrives) to the {@link TrackStage} (which takes them when a set carries that sweep). A fixed set of
 * {@link ObstacleClusters} buffers, each owned by one side at a time:
 * <pre>
 *   FREE --beginFill (cluster stage)--&gt; FILLING --ready--&gt; READY --take (track stage)--&gt; TAKEN --release--&gt; FREE
 *                                              \--abandon--&gt; FREE
 * </pre>
 * A buffer is keyed by the sweep's {@link PointCloud} (the set carries the very instance that arrived) and its stamp
 * (clock offset removed, as the set carries it): a pooled cloud carries one sweep after another. When no buffer is free
 * (the cluster stage ran that many sweeps ahead, as fast as possible) the cluster stage skips the sweep and the track
 * stage clusters it itself; the results are the same. A READY buffer older than the sweep the track stage takes (its
 * sweep never became a set: late, or the replay ended) is freed then.
 *
 * <p>Threading: any threads; every transition holds this object's monitor (two per sweep); the buffer's contents are
 * written only while FILLING by the filling thread and read only while TAKEN by the taking thread, the monitor
 * ordering the two. Allocation-free after construction (the buffers' arrays grow to the largest sweep).
 */
public final class ClusterHandoff {
    private static final byte FREE = 0;
    private static final byte FILLING = 1;
    private static final byte READY = 2;
    private static final byte TAKEN = 3;

    private final ObstacleClusters[] buffers;
    private final PointCloud[] clouds;
    private final long[] stamps;
    private final byte[] states;

    /** @param buffers sweeps' clusters held at once, in [1, 64] */
    public ClusterHandoff(int buffers) {
        if (buffers < 1 || buffers > 64) {
            throw new IllegalArgumentException("cluster hand-off buffers must be in [1, 64], was " + buffers);
        }
        this.buffers = new ObstacleClusters[buffers];
        for (int i = 0; i < buffers; i++) {
            this.buffers[i] = new ObstacleClusters();
        }
        clouds = new PointCloud[buffers];
        stamps = new long[buffers];
        states = new byte[buffers];
    }

    /**
     * Makes room for {@code members} cluster members in every buffer now, before the stages run (each buffer grows
     * on its own first fill otherwise, one after another while the sweeps play).
     */
    public synchronized void reserveMembers(int members) {
        for (ObstacleClusters b : buffers) {
            b.reserveMembers(members);
        }
    }

    /**
     * Cluster stage: a free buffer for the sweep {@code cloud} stamped {@code stampNanos}, now FILLING, or null when
     * none is free (skip the sweep).
     */
    public synchronized ObstacleClusters beginFill(PointCloud cloud, long stampNanos) {
        for (int i = 0; i < buffers.length; i++) {
            if (states[i] == FREE) {
                states[i] = FILLING;
                clouds[i] = cloud;
                stamps[i] = stampNanos;
                return buffers[i];
            }
        }
        return null;
    }

    /** Cluster stage: {@code filled} (from {@link #beginFill}) holds its sweep's clusters. */
    public synchronized void ready(ObstacleClusters filled) {
        states[indexOf(filled, FILLING)] = READY;
    }

    /** Cluster stage: {@code filled} was not filled (the pipeline threw): free again. */
    public synchronized void abandon(ObstacleClusters filled) {
        free(indexOf(filled, FILLING));
    }

    /**
     * Track stage: the clusters of the sweep {@code cloud} stamped {@code stampNanos}, now TAKEN (hand them back with
     * {@link #release}), or null when the cluster stage did not cluster it. Frees READY buffers of older sweeps.
     */
    public synchronized ObstacleClusters take(PointCloud cloud, long stampNanos) {
        ObstacleClusters found = null;
        for (int i = 0; i < buffers.length; i++) {
            if (states[i] != READY) {
                continue;
            }
            if (clouds[i] == cloud && stamps[i] == stampNanos) {
                states[i] = TAKEN;
                found = buffers[i];
            } else if (stamps[i] < stampNanos) {
                free(i); // its sweep never became a set: sets come in stamp order
            }
        }
        return found;
    }

    /** Track stage: done with {@code taken} (from {@link #take}). */
    public synchronized void release(ObstacleClusters taken) {
        free(indexOf(taken, TAKEN));
    }

    private void free(int i) {
        states[i] = FREE;
        clouds[i] = null;
    }

    private int indexOf(ObstacleClusters b, byte state) {
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] == b) {
                if (states[i] != state) {
                    throw new IllegalStateException("cluster buffer " + i + " is in state " + states[i] + ", not "
                            + state);
                }
                return i;
            }
        }
        throw new IllegalArgumentException("not a buffer of this hand-off");
    }
}
