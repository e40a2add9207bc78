/**
 * comma2k19 segments (numpy arrays per signal, see the data README): {@link
 * org.avfusion.drivers.recorded.comma2k19.NpyReader} reads one {@code .npy} file (format 1.0-3.0, little- or
 * big-endian numbers, fixed-size byte strings, C order) and {@link
 * org.avfusion.drivers.recorded.comma2k19.Comma2k19SegmentReader} a segment folder into time series. Depends on
 * {@code org.avfusion.drivers.recorded} (errors) and {@code org.avfusion.drivers.can} (raw CAN frames) only.
 */
package org.avfusion.drivers.recorded.comma2k19;
