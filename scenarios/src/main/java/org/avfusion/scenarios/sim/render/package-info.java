/**
 * Sensor rendering of a simulated scene: the oriented-box ray caster and spinning-lidar sweep
 * ({@link org.avfusion.scenarios.sim.render.RayCaster}, {@link org.avfusion.scenarios.sim.render.LidarSweepRenderer})
 * and the OpenCV camera painter ({@link org.avfusion.scenarios.sim.render.CameraRenderer}). Algorithms only: the
 * scene comes in through {@link org.avfusion.scenarios.sim.render.SceneView}, pooled buffers are filled in place,
 * no I/O, no threads. May depend on the JDK, the frame model, calibration, and JavaCV/OpenCV.
 */
package org.avfusion.scenarios.sim.render;
