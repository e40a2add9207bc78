/**
 * Planning v1: the corridor check along the ego's predicted path on the occupancy grid, and the decision policy
 * that turns it into PROCEED / SLOW / STOP with a distance and a reason, failing safe (STOP) when critical input
 * is missing or stale. Pure algorithms: no ring, threads or I/O. Depends on the occupancy package.
 */
package org.avfusion.runtime.plan;
