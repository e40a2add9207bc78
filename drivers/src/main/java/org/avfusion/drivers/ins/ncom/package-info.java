/**
 * OxTS NCOM: the 72-byte binary packets an OxTS GNSS/INS (the RT3000 that recorded KITTI) sends over UDP port 3000
 * or serial. {@link org.avfusion.drivers.ins.ncom.NcomDecoder} checks sync and checksum, decodes the navigation
 * part and status channel 0 (GPS minutes, satellites, position mode) into {@link
 * org.avfusion.drivers.ins.ncom.NcomPacket}s and counts what it cannot use. Layout and scales from OxTS's
 * "NCOM data format" and its open-source decoder (github.com/OxfordTechnicalSolutions/NCOMdecoder, nav/NComRxC.c);
 * no code is taken from it. Depends on the JDK only.
 */
package org.avfusion.drivers.ins.ncom;
