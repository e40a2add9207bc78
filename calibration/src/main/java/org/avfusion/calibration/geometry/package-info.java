/**
 * Rig geometry: where each sensor sits on the vehicle. Pure math, no I/O.
 */
package org.avfusion.calibration.geometry;
