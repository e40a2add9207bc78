/**
 * Sensor time: the calibrated offset of each sensor's clock against the vehicle's monotonic clock.
 */
package org.avfusion.calibration.time;
