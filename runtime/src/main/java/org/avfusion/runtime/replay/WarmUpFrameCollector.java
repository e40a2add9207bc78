package org.avfusion.runtime.replay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.runtime.warmup.WarmUpFrames;

/**
 * A sink that copies a recording's first lidar sweeps and, when a camera is given, that camera's image of each sweep
 * for the warm-up ({@link Replay#firstFrames}); it releases every pooled payload it is handed.
 *
 * <p>Pairing rule: a sweep's image is the camera frame whose capture stamp is nearest the sweep's stamp (its first
 * point), as the align stage pairs them (raw stamps: clock offsets are not removed; a tie goes to the earlier image).
 * The candidates are the last {@link #RECENT_IMAGES} images that arrived before the sweep (an image may arrive
 * before the sweep it belongs to is complete, and so may the next one) and every image that arrives after it until
 * collection is {@link #done()}. For the KITTI sequence without timestamps (image and sweep {@code i} stamped
 * {@code i x 100 ms}) image {@code i} goes with sweep {@code i}.
 *
 * <p>Memory: at most {@link #RECENT_IMAGES} image copies beyond one per sweep (buffers of images no sweep took are
 * reused). Not thread-safe: the recording's emitting thread only.
 */
final class WarmUpFrameCollector implements FrameSink {
    /** Images kept as candidates for sweeps still to come. */
    static final int RECENT_IMAGES = 4;

    /** An owned image copy and its capture stamp; {@code taken} once a sweep holds it. */
    private static final class Candidate {
        final long stampNanos;
        final CameraImage image;
        boolean taken;

        Candidate(long stampNanos, CameraImage image) {
            this.stampNanos = stampNanos;
            this.image = image;
        }
    }

    private final SensorId lidar;
    private final SensorId camera;
    private final int maxSweeps;
    private final List<PointCloud> sweeps = new ArrayList<>();
    private final List<Long> sweepStamps = new ArrayList<>();
    private final List<Candidate> paired = new ArrayList<>();
    private final ArrayDeque<Candidate> recent = new ArrayDeque<>();
    private long lastImageStampNanos = Long.MIN_VALUE;

    /**
     * @param lidar     the sensor whose sweeps to copy (the replay's reference lidar)
     * @param camera    the detecting camera whose images to pair with them, or null for sweeps only
     * @param maxSweeps sweeps to copy, at least 1
     */
    WarmUpFrameCollector(SensorId lidar, SensorId camera, int maxSweeps) {
        this.lidar = java.util.Objects.requireNonNull(lidar, "lidar");
        this.camera = camera;
        if (maxSweeps < 1) {
            throw new IllegalArgumentException("warm-up sweeps must be >= 1, was " + maxSweeps);
        }
        this.maxSweeps = maxSweeps;
    }

    @Override
    public boolean publish(FrameHeader header, Payload payload) {
        try {
            if (payload instanceof PointCloud cloud && header.sensor().equals(lidar)) {
                onSweep(header.stampNanos(), cloud);
            } else if (payload instanceof CameraImage image && camera != null && header.sensor().equals(camera)
                    && image.hasPixels()) {
                onImage(header.stampNanos(), image);
            }
        } finally {
            if (payload instanceof PooledPayload pooled) {
                pooled.release();
            }
        }
        return true;
    }

    private void onSweep(long stampNanos, PointCloud cloud) {
        if (cloud.size() == 0 || sweeps.size() >= maxSweeps) {
            return;
        }
        sweeps.add(WarmUpFrames.copyOf(cloud));
        sweepStamps.add(stampNanos);
        Candidate best = null;
        for (Candidate c : recent) { // oldest first: a tie keeps the earlier
            if (best == null || Math.abs(c.stampNanos - stampNanos) < Math.abs(best.stampNanos - stampNanos)) {
                best = c;
            }
        }
        if (best != null) {
            best.taken = true;
        }
        paired.add(best);
    }

    private void onImage(long stampNanos, CameraImage image) {
        lastImageStampNanos = Math.max(lastImageStampNanos, stampNanos);
        boolean moreSweeps = sweeps.size() < maxSweeps;
        boolean nearer = false;
        for (int j = 0; j < sweeps.size() && !nearer; j++) {
            nearer = nearer(stampNanos, j);
        }
        if (!moreSweeps && !nearer) {
            return; // no sweep takes it, none is to come
        }
        Candidate c = new Candidate(stampNanos, copy(image));
        for (int j = 0; j < sweeps.size(); j++) {
            if (nearer(stampNanos, j)) {
                paired.set(j, c);
                c.taken = true;
            }
        }
        if (moreSweeps) {
            recent.addLast(c);
        }
    }

    /** Whether an image stamped {@code stampNanos} is nearer sweep {@code j} than its image so far. */
    private boolean nearer(long stampNanos, int j) {
        Candidate p = paired.get(j);
        long s = sweepStamps.get(j);
        return p == null || Math.abs(stampNanos - s) < Math.abs(p.stampNanos - s);
    }

    /** A copy of {@code image}, in the buffer of the oldest recent candidate when no sweep took it and it fits. */
    private CameraImage copy(CameraImage image) {
        if (recent.size() < RECENT_IMAGES) {
            return WarmUpFrames.copyOf(image);
        }
        Candidate oldest = recent.removeFirst();
        long bytes = (long) image.width() * image.height() * CameraImage.CHANNELS;
        if (oldest.taken || oldest.image.capacityBytes() < bytes) {
            return WarmUpFrames.copyOf(image);
        }
        oldest.image.prepare(image.width(), image.height()).put(image.pixels());
        return oldest.image;
    }

    /**
     * Whether every sweep is copied and, with a camera, an image at or after the last sweep's stamp came (a later
     * image is farther from every sweep).
     */
    boolean done() {
        return sweeps.size() == maxSweeps
                && (camera == null || lastImageStampNanos >= sweepStamps.get(sweepStamps.size() - 1));
    }

    /** What was collected: images only when every sweep has one. */
    WarmUpFrames frames() {
        List<CameraImage> images = new ArrayList<>();
        for (Candidate c : paired) {
            if (c == null) {
                return WarmUpFrames.sweepsOnly(sweeps);
            }
            images.add(c.image);
        }
        return new WarmUpFrames(sweeps, images);
    }
}
