/**
 * Lane-level maps in Lanelet2's OpenStreetMap encoding (the format Autoware uses): {@link
 * org.avfusion.drivers.map.lanelet2.Lanelet2Reader} reads points, line strings, lanelets (left and right bounds) and
 * regulatory elements into an immutable {@link org.avfusion.drivers.map.lanelet2.LaneletMap}, which derives successors
 * and centrelines the way Lanelet2's routing graph and geometry do. Depends on the JDK (StAX) and
 * {@link org.avfusion.drivers.map.LocalTangentPlane} only; no threads, no GraphHopper.
 */
package org.avfusion.drivers.map.lanelet2;
