package org.avfusion.runtime.perceive.depth;

import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.camera.DistortionCoefficients;
import org.avfusion.calibration.geometry.RigidTransform;
import org.avfusion.calibration.projection.PointProjector;

/** Small synthetic cameras and depth fields shared by the depth tests. */
final class DepthFixtures {
    static final long SEED = 20261127L;

    private DepthFixtures() {
    }

    /** A 64 x 48 pinhole camera looking down +z, the points given in the camera frame. */
    static PointProjector camera(int width, int height) {
        return new PointProjector(RigidTransform.identity(),
                new CameraIntrinsics(50, 50, (width - 1) / 2.0, (height - 1) / 2.0, width, height,
                        DistortionCoefficients.NONE));
    }

    /** A smooth true depth field in [4, 40] m. */
    static float trueDepthMeters(int u, int v, int width, int height) {
        return (float) (4 + 30.0 * v / height + 6 * Math.sin(u * 0.2) * Math.cos(v * 0.1) + 6);
    }
}
