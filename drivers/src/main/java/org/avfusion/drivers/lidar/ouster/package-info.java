/**
 * Ouster OS1 with firmware 2.x, legacy packet profile: the sensor metadata (beam angles, beam origin offset,
 * lidar-to-sensor transform, data format) read from its JSON, the packet layout, and the decoder that turns
 * 16-column packets into points. Pure algorithms over bytes and JSON text (Jackson); depends on
 * {@code drivers.lidar}.
 */
package org.avfusion.drivers.lidar.ouster;
