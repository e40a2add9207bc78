/**
 * Rig geometry: SE(3) rigid transforms ({@link org.avfusion.calibration.geometry.RigidTransform}), the tree of
 * named coordinate frames that answers "frame A in frame B" ({@link org.avfusion.calibration.geometry.TransformTree})
 * and sensor mounts on the vehicle. Pure math on the JDK only: no I/O, no threads, no other module.
 */
package org.avfusion.calibration.geometry;
