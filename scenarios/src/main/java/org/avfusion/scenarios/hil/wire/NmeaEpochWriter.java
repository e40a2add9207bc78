package org.avfusion.scenarios.hil.wire;

import java.nio.charset.StandardCharsets;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.gnss.nmea.NmeaWriter;

/**
 * Writes one GNSS epoch as a receiver sends it: {@code $GPGGA} then {@code $GPRMC}, each ended by CR LF
 * ({@link NmeaWriter}, the runtime's own writer; gpsd's {@code gpsdecode} reads the stream too). Stateless.
 */
public final class NmeaEpochWriter {
    private NmeaEpochWriter() {
    }

    public static byte[] epoch(GnssFix fix) {
        return (NmeaWriter.gga(fix, "GP") + "\r\n" + NmeaWriter.rmc(fix, "GP") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The RMC sentence alone (no CR LF), for a Velodyne position packet. */
    public static String rmc(GnssFix fix) {
        return NmeaWriter.rmc(fix, "GP");
    }
}
