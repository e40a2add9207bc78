/**
 * Kinematics and geometry of the simulated world: the road centreline ({@link org.avfusion.drivers.sim.world.Road}),
 * speed profiles ({@link org.avfusion.drivers.sim.world.SpeedProfile}) and the local tangent plane that turns
 * world ENU metres into WGS-84 coordinates ({@link org.avfusion.drivers.sim.world.LocalTangentPlane}).
 * Pure math: no I/O, no threads; depends on nothing but the JDK.
 */
package org.avfusion.drivers.sim.world;
