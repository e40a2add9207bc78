/**
 * Live sensor sources for {@code avfusion run}: each {@code live.sources[i]} of the profile built into the real
 * driver it names (Velodyne/Ouster UDP, NMEA over TCP/UDP/serial, gpsd, FFmpeg cameras), started on its own thread,
 * publishing into the pipeline's sink on the vehicle clock, and reporting its health as JSON. Plumbing only: it may
 * depend on {@code drivers}, {@code runtime.config} and {@code runtime.output.json}, not on the ring or the stages.
 */
package org.avfusion.runtime.live;
