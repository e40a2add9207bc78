/**
 * {@code avfusion route}: a car route between two positions on an OpenStreetMap file, printed as one JSON line.
 * A thin command over {@link org.avfusion.drivers.map.RoadNetwork}: parses and checks the arguments, loads the
 * map, asks for the route, writes JSON; depends on {@code org.avfusion.drivers.map}, picocli and Jackson only.
 */
package org.avfusion.runtime.cli.route;
