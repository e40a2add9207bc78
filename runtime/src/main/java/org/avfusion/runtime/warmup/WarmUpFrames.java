package org.avfusion.runtime.warmup;

import java.util.List;
import java.util.Objects;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.PointCloud;

/**
 * A recording's first frames for the warm-up's recorded part ({@link StageWarmup#run(
 * org.avfusion.runtime.inference.CameraDetector, int, int, StageWarmup.Stages, WarmUpFrames)}): lidar sweeps in
 * recording order and, where the replay decodes the detecting camera's pixels, that camera's image of each sweep
 * ({@code images.get(i)} goes with {@code sweeps.get(i)}; the same image may serve two sweeps).
 *
 * <p>Ownership: every sweep and image is a copy owned by the warm-up, never a pooled buffer of the replay's source
 * (never returned to a pool; an image here always {@link CameraImage#hasPixels() has pixels}). The warm-up reads
 * them only; the replay then {@link #release() releases} them, so that the run's heap does not hold them (three
 * sweeps of the KITTI tracking PCD folder are 8 MB; with a detector, their images too). Not thread-safe: read and
 * released by the thread that runs the warm-up.
 */
public final class WarmUpFrames {
    /** No recorded frames: the warm-up is synthetic only. */
    public static final WarmUpFrames NONE = new WarmUpFrames(List.of(), List.of());

    private List<PointCloud> sweeps;
    private List<CameraImage> images;

    /**
     * @param sweeps the sweeps, oldest first; empty for none
     * @param images empty (no detecting camera, pixels not decoded, or no image came with the sweeps), or one image
     *               per sweep, each with pixels
     */
    public WarmUpFrames(List<PointCloud> sweeps, List<CameraImage> images) {
        this.sweeps = List.copyOf(sweeps);
        this.images = List.copyOf(images);
        if (!this.images.isEmpty() && this.images.size() != this.sweeps.size()) {
            throw new IllegalArgumentException("warm-up images must be none or one per sweep: " + this.images.size()
                    + " images for " + this.sweeps.size() + " sweeps");
        }
        for (CameraImage image : this.images) {
            if (!image.hasPixels()) {
                throw new IllegalArgumentException("a warm-up image " + image.width() + "x" + image.height()
                        + " has no pixels");
            }
        }
    }

    /** The sweeps, oldest first; empty for none, and after {@link #release()}. */
    public List<PointCloud> sweeps() {
        return sweeps;
    }

    /** None, or one image per sweep ({@code images().get(i)} goes with {@code sweeps().get(i)}). */
    public List<CameraImage> images() {
        return images;
    }

    /** Drops the frames once the warm-up has read them: afterwards there are none (a later warm-up is synthetic). */
    public void release() {
        sweeps = List.of();
        images = List.of();
    }

    /** Sweeps without images. */
    public static WarmUpFrames sweepsOnly(List<PointCloud> sweeps) {
        return new WarmUpFrames(Objects.requireNonNull(sweeps, "sweeps"), List.of());
    }

    /** Whether each sweep has its camera image. */
    public boolean hasImages() {
        return !images.isEmpty();
    }

    /** An owned copy of {@code cloud}'s points (the same order, fields and offsets), sized to fit. */
    public static PointCloud copyOf(PointCloud cloud) {
        PointCloud copy = new PointCloud(Math.max(1, cloud.size()));
        for (int i = 0; i < cloud.size(); i++) {
            copy.add(cloud.x(i), cloud.y(i), cloud.z(i), cloud.intensity(i), cloud.timeOffsetNanos(i), cloud.ring(i));
        }
        copy.declareCompleteAfterNanos(cloud.completeAfterNanos());
        return copy;
    }

    /**
     * An owned copy of {@code image}'s size and BGR pixels, in a buffer of exactly its size.
     *
     * @throws IllegalStateException when {@code image} has no pixels ({@link CameraImage#hasPixels()} false)
     */
    public static CameraImage copyOf(CameraImage image) {
        if (!image.hasPixels()) {
            throw new IllegalStateException("camera frame " + image.width() + "x" + image.height()
                    + " has no pixels to copy");
        }
        CameraImage copy = new CameraImage(image.width(), image.height());
        copy.prepare(image.width(), image.height()).put(image.pixels());
        return copy;
    }
}
