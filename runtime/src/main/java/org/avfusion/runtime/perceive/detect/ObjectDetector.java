package org.avfusion.runtime.perceive.detect;

import org.avfusion.drivers.frame.CameraImage;

/**
 * What finds objects in a camera image: the ONNX network ({@code runtime.inference.CameraDetector}) on real data,
 * or a simulated detector built from the simulator's ground truth. The perceive stage calls it once per aligned
 * set on the set's camera image.
 *
 * <p>Threading: one thread (the perceive stage) calls it. Ownership: the caller keeps {@code image}; it is only read
 * during the call. {@link #close()} releases whatever the detector holds (a session, nothing).
 */
public interface ObjectDetector extends AutoCloseable {
    /**
     * Detects in one image.
     *
     * @param image      the camera frame (BGR)
     * @param stampNanos its capture stamp on the vehicle clock (the aligned set's stamp for that camera)
     * @param out        the detections (pixels); cleared first
     */
    void detect(CameraImage image, long stampNanos, DetectionList out);

    @Override
    void close();
}
