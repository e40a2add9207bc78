/**
 * The route in the loop (issue #12): {@link org.avfusion.runtime.route.RouteManager} keeps the destination and the
 * current car route, measures progress and reroutes around a blocked street; {@link
 * org.avfusion.runtime.route.RouteCorridor} turns the route (or a Lanelet2 lanelet sequence) into the corridor the
 * decision checks; {@link org.avfusion.runtime.route.DestinationCommands} vets destination commands; {@link
 * org.avfusion.runtime.route.RouteGeoJson} writes the route for the {@code route} topic. Plain algorithms: they may
 * depend on {@code drivers.map} (a loaded road network, queried read-only), {@code runtime.plan} (the corridor seam),
 * JTS and Jackson; no threads, no MQTT, no files.
 */
package org.avfusion.runtime.route;
