/**
 * Kinematics and geometry of the simulated world: the road centreline ({@link org.avfusion.scenarios.sim.world.Road}),
 * a street route as a drivable path ({@link org.avfusion.scenarios.sim.world.PolylinePath}),
 * speed profiles ({@link org.avfusion.scenarios.sim.world.SpeedProfile}) and the local tangent plane that turns
 * world ENU metres into WGS-84 coordinates ({@link org.avfusion.drivers.map.LocalTangentPlane}).
 * Pure math: no I/O, no threads; depends on nothing but the JDK.
 */
package org.avfusion.scenarios.sim.world;
