/**
 * CAN bus frames from recordings: the {@link org.avfusion.drivers.can.CanFrame} value, a reader for Linux
 * can-utils {@code candump -l} log files, and {@link org.avfusion.drivers.can.CanSignalDecoder}, which turns frames
 * into physical values through small per-vehicle {@link org.avfusion.drivers.can.CanSignalSpec}s (DBC-style:
 * id, start bit, length, byte order, factor, offset), counting ids it does not know. There is no live SocketCAN
 * driver: this machine's kernel has no {@code vcan}, so nothing here could be tested live; decoding is tested on
 * recorded frames. Depends on the JDK and {@code org.avfusion.drivers.recorded} (errors) only.
 */
package org.avfusion.drivers.can;
