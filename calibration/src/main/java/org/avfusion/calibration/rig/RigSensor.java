package org.avfusion.calibration.rig;

import org.avfusion.calibration.camera.CameraIntrinsics;
import org.avfusion.calibration.geometry.TransformTree;
import org.avfusion.calibration.time.ClockOffset;

/**
 * One sensor of a rig: its name (also the name of the coordinate frame its data is expressed in), type, clock
 * offset and, for a camera, its intrinsics. A camera's frame is its optical frame (x right, y down, z forward).
 *
 * @param name        sensor and frame name, {@value TransformTree#FRAME_NAME_PATTERN}
 * @param type        sensor family
 * @param intrinsics  calibrated intrinsics for a {@link SensorType#CAMERA}; {@code null} for every other type
 * @param clockOffset the sensor clock's offset against vehicle time
 */
public record RigSensor(String name, SensorType type, CameraIntrinsics intrinsics, ClockOffset clockOffset) {

    public RigSensor {
        TransformTree.requireFrameName("sensor name", name);
        if (type == null) {
            throw new IllegalArgumentException("sensor '" + name + "' has no type");
        }
        if (type == SensorType.CAMERA && intrinsics == null) {
            throw new IllegalArgumentException("camera '" + name + "' has no intrinsics");
        }
        if (type != SensorType.CAMERA && intrinsics != null) {
            throw new IllegalArgumentException(type + " '" + name + "' has intrinsics; only cameras have them");
        }
        if (clockOffset == null) {
            throw new IllegalArgumentException("sensor '" + name + "' has no clock offset (ClockOffset.ZERO for none)");
        }
    }
}
