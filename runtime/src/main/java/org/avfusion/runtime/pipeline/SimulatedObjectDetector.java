package org.avfusion.runtime.pipeline;

import java.util.Objects;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.runtime.perceive.detect.DetectionList;
import org.avfusion.runtime.perceive.detect.ObjectDetector;
import org.avfusion.scenarios.sim.SimulatedDetector;

/**
 * The simulator's ground-truth detector ({@link SimulatedDetector}) behind the runtime's {@link ObjectDetector}
 * interface, in place of the ONNX network: it ignores the pixels and reports the boxes the simulation knows are in
 * the image at its stamp, as COCO classes (person 0, bicycle 1, car 2). Closing it releases nothing.
 */
public final class SimulatedObjectDetector implements ObjectDetector {
    private static final int COCO_PERSON = 0;
    private static final int COCO_BICYCLE = 1;
    private static final int COCO_CAR = 2;

    private final SimulatedDetector detector;

    public SimulatedObjectDetector(SimulatedDetector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    @Override
    public void detect(CameraImage image, long stampNanos, DetectionList out) {
        out.clear();
        detector.detect(stampNanos, (x1, y1, x2, y2, score, label) -> out.add((float) x1, (float) y1, (float) x2,
                (float) y2, (float) score, switch (label) {
                    case PERSON -> COCO_PERSON;
                    case BICYCLE -> COCO_BICYCLE;
                    case CAR -> COCO_CAR;
                }));
    }

    @Override
    public void close() {
    }
}
