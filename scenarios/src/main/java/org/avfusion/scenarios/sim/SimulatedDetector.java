package org.avfusion.scenarios.sim;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.avfusion.calibration.camera.PinholeIntrinsics;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.scenarios.sim.render.LidarSweepRenderer;

/**
 * A camera detector made of ground truth, for scenarios that exercise fusion without a network (a painted
 * simulation cannot fool a real one): every actor's box, as it was {@code latencyMillis} before the image's stamp,
 * is projected into the camera (its eight corners through the pinhole), clipped to the image, and reported with the
 * class a detector would give (pedestrian: person, cyclist: bicycle, car and parked car: car; walls: nothing) when
 * at least {@code minHeightPixels} tall and not hidden (more than 80% of it behind a nearer box). Each edge gets
 * Gaussian noise of {@code edgeNoisePixels}; each box is missed with {@code missProbability}; a Poisson number of
 * false positives ({@code falsePositivesPerFrame} on average) appear at random; ghosts (scenario-given false
 * detections of a car at a world position) appear in their time window.
 *
 * <p>Deterministic: the random draws of an image come from the scenario seed and the image's stamp alone, whatever
 * thread asks and whenever. Thread-safe (allocates per call; it is a test instrument, not a hot path).
 */
public final class SimulatedDetector {
    /** What the detector says an object is (COCO's names). */
    public enum Label {
        PERSON, BICYCLE, CAR
    }

    /** Receives one detection (pixels; x right, y down). */
    @FunctionalInterface
    public interface Sink {
        void detection(double x1Pixels, double y1Pixels, double x2Pixels, double y2Pixels, double score, Label label);
    }

    private static final double HIDDEN_FRACTION = 0.8;
    private static final double NEAR_METERS = 0.5;

    private final ScenarioSpec.Detector config;
    private final GroundTruth truth;
    private final PinholeIntrinsics intrinsics;
    private final MountPose mount;
    private final double[][] rotation;
    private final Label[] labels;
    private final long seed;

    SimulatedDetector(ScenarioSpec spec, GroundTruth truth, PinholeIntrinsics intrinsics, MountPose cameraMount) {
        this.config = spec.sensors().camera().detector();
        this.truth = Objects.requireNonNull(truth, "truth");
        this.intrinsics = intrinsics;
        this.mount = cameraMount;
        this.rotation = LidarSweepRenderer.rotation(cameraMount.rollRad(), cameraMount.pitchRad(),
                cameraMount.yawRad());
        this.seed = spec.seed();
        List<ScenarioSpec.Actor> actors = spec.actors();
        labels = new Label[actors.size()];
        for (int i = 0; i < labels.length; i++) {
            ScenarioSpec.Actor a = actors.get(i);
            if (a instanceof ScenarioSpec.Pedestrian) {
                labels[i] = Label.PERSON;
            } else if (a instanceof ScenarioSpec.Car c) {
                labels[i] = c.kind().equals("cyclist") ? Label.BICYCLE : Label.CAR;
            } else if (a instanceof ScenarioSpec.Obstacle o) {
                labels[i] = o.kind().equals("car") ? Label.CAR : null;
            }
        }
    }

    public ScenarioSpec.Detector config() {
        return config;
    }

    /**
     * Detects in the image captured at {@code stampNanos} (vehicle time, the camera's offset removed).
     */
    public void detect(long stampNanos, Sink out) {
        long t = stampNanos - Math.round(config.latencyMillis() * 1e6);
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ Math.floorDiv(stampNanos, 1_000_000L));
        EgoState ego = truth.egoAt(Math.max(0, t));
        List<ActorState> actors = truth.actorsAt(Math.max(0, t));
        int n = actors.size();
        double[][] boxes = new double[n + config.ghosts().size()][];
        double[] depth = new double[boxes.length];
        Label[] label = new Label[boxes.length];
        for (int i = 0; i < n; i++) {
            if (labels[i] == null) {
                continue;
            }
            ActorState a = actors.get(i);
            boxes[i] = project(ego, a.centreXMeters(), a.centreYMeters(), a.yawRad(), a.lengthMeters(),
                    a.widthMeters(), a.heightMeters());
            depth[i] = Math.hypot(a.centreXMeters() - ego.xMeters(), a.centreYMeters() - ego.yMeters());
            label[i] = labels[i];
        }
        double tSeconds = t / 1e9;
        for (int g = 0; g < config.ghosts().size(); g++) {
            ScenarioSpec.Ghost ghost = config.ghosts().get(g);
            if (tSeconds < ghost.fromSeconds() || tSeconds > ghost.toSeconds()) {
                continue;
            }
            boxes[n + g] = project(ego, ghost.xMeters(), ghost.yMeters(), ego.yawRad(), SimDefaults.CAR_LENGTH_METERS,
                    SimDefaults.CAR_WIDTH_METERS, SimDefaults.CAR_HEIGHT_METERS);
            depth[n + g] = Math.hypot(ghost.xMeters() - ego.xMeters(), ghost.yMeters() - ego.yMeters());
            label[n + g] = Label.CAR;
        }
        for (int i = 0; i < boxes.length; i++) {
            double[] b = boxes[i];
            // every draw is made whether or not the box is reported, so one box's fate does not shift another's
            double miss = rng.nextDouble();
            double n1 = rng.nextGaussian(), n2 = rng.nextGaussian(), n3 = rng.nextGaussian(), n4 = rng.nextGaussian();
            if (b == null || b[3] - b[1] < config.minHeightPixels() || miss < config.missProbability()
                    || hidden(i, boxes, depth)) {
                continue;
            }
            double sigma = config.edgeNoisePixels();
            out.detection(clampU(b[0] + sigma * n1), clampV(b[1] + sigma * n2), clampU(b[2] + sigma * n3),
                    clampV(b[3] + sigma * n4), config.score(), label[i]);
        }
        int falsePositives = poisson(rng, config.falsePositivesPerFrame());
        for (int k = 0; k < falsePositives; k++) {
            double w = 20 + 60 * rng.nextDouble(), h = 20 + 60 * rng.nextDouble();
            double x = rng.nextDouble() * (intrinsics.widthPixels() - w);
            double y = rng.nextDouble() * (intrinsics.heightPixels() - h);
            out.detection(x, y, x + w, y + h, Math.min(config.score(), 0.6), Label.CAR);
        }
    }

    private boolean hidden(int i, double[][] boxes, double[] depth) {
        double[] b = boxes[i];
        double area = (b[2] - b[0]) * (b[3] - b[1]);
        for (int j = 0; j < boxes.length; j++) {
            double[] o = boxes[j];
            if (j == i || o == null || depth[j] >= depth[i]) {
                continue;
            }
            double w = Math.min(b[2], o[2]) - Math.max(b[0], o[0]);
            double h = Math.min(b[3], o[3]) - Math.max(b[1], o[1]);
            if (w > 0 && h > 0 && w * h > HIDDEN_FRACTION * area) {
                return true;
            }
        }
        return false;
    }

    /** The image box of an upright box on the ground, clipped to the image; null when none of it is in view. */
    private double[] project(EgoState ego, double cx, double cy, double yaw, double length, double width,
            double height) {
        double c = Math.cos(yaw), s = Math.sin(yaw);
        double ce = Math.cos(ego.yawRad()), se = Math.sin(ego.yawRad());
        double u1 = Double.POSITIVE_INFINITY, v1 = Double.POSITIVE_INFINITY;
        double u2 = Double.NEGATIVE_INFINITY, v2 = Double.NEGATIVE_INFINITY;
        int inFront = 0;
        for (int k = 0; k < 8; k++) {
            double lx = ((k & 1) == 0 ? 0.5 : -0.5) * length;
            double ly = ((k & 2) == 0 ? 0.5 : -0.5) * width;
            double wz = (k & 4) == 0 ? 0 : height;
            double wx = cx + c * lx - s * ly, wy = cy + s * lx + c * ly;
            double dx = wx - ego.xMeters(), dy = wy - ego.yMeters();
            double bx = ce * dx + se * dy - mount.xMeters();
            double by = -se * dx + ce * dy - mount.yMeters();
            double bz = wz - mount.zMeters();
            double[][] r = rotation;
            double mx = r[0][0] * bx + r[1][0] * by + r[2][0] * bz;
            double my = r[0][1] * bx + r[1][1] * by + r[2][1] * bz;
            double mz = r[0][2] * bx + r[1][2] * by + r[2][2] * bz;
            double x = -my, y = -mz, z = mx;
            if (z < NEAR_METERS) {
                continue;
            }
            inFront++;
            double u = intrinsics.projectU(x, z), v = intrinsics.projectV(y, z);
            u1 = Math.min(u1, u);
            v1 = Math.min(v1, v);
            u2 = Math.max(u2, u);
            v2 = Math.max(v2, v);
        }
        if (inFront < 8) {
            return null; // partly behind the camera: at its side, not a box a detector would draw whole
        }
        double w = intrinsics.widthPixels() - 0.5, h = intrinsics.heightPixels() - 0.5;
        if (u2 <= 0 || v2 <= 0 || u1 >= w || v1 >= h) {
            return null;
        }
        return new double[] {Math.max(0, u1), Math.max(0, v1), Math.min(w, u2), Math.min(h, v2)};
    }

    private double clampU(double u) {
        return Math.max(0, Math.min(intrinsics.widthPixels() - 0.5, u));
    }

    private double clampV(double v) {
        return Math.max(0, Math.min(intrinsics.heightPixels() - 0.5, v));
    }

    private static int poisson(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
