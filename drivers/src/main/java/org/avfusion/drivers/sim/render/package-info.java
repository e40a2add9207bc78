/**
 * Sensor rendering of a simulated scene: the oriented-box ray caster and spinning-lidar sweep
 * ({@link org.avfusion.drivers.sim.render.RayCaster}, {@link org.avfusion.drivers.sim.render.LidarSweepRenderer})
 * and the OpenCV camera painter ({@link org.avfusion.drivers.sim.render.CameraRenderer}). Algorithms only: the
 * scene comes in through {@link org.avfusion.drivers.sim.render.SceneView}, pooled buffers are filled in place,
 * no I/O, no threads. May depend on the JDK, the frame model, calibration, and JavaCV/OpenCV.
 */
package org.avfusion.drivers.sim.render;
