package org.avfusion.drivers.gnss.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Serial line settings for a GNSS receiver on a tty, applied with {@code stty} (coreutils) before the device is
 * opened: the JDK has no serial API and the project takes no native serial dependency. The device is then read as
 * a plain file. Raw mode (no echo, no line editing, no CR/LF translation), {@code clocal} (ignore modem control
 * lines, so opening never waits for a carrier), receiver on.
 *
 * @param baud     bits per second: one of the standard rates 4800 (NMEA 0183's), 9600, 19200, 38400, 57600, 115200,
 *                 230400, 460800, 921600
 * @param dataBits 7 or 8
 * @param parity   'N' none, 'E' even, 'O' odd
 * @param stopBits 1 or 2
 */
public record SerialLineSettings(int baud, int dataBits, char parity, int stopBits) {

    private static final Set<Integer> RATES = Set.of(4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600);

    /** NMEA 0183's 4800 8N1. */
    public static final SerialLineSettings NMEA_0183 = new SerialLineSettings(4800, 8, 'N', 1);

    public SerialLineSettings {
        if (!RATES.contains(baud)) {
            throw new IllegalArgumentException("serial baud " + baud + " is not a standard rate; use one of "
                    + new java.util.TreeSet<>(RATES));
        }
        if (dataBits != 7 && dataBits != 8) {
            throw new IllegalArgumentException("serial dataBits must be 7 or 8, was " + dataBits);
        }
        if (parity != 'N' && parity != 'E' && parity != 'O') {
            throw new IllegalArgumentException("serial parity must be 'N', 'E' or 'O', was '" + parity + "'");
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("serial stopBits must be 1 or 2, was " + stopBits);
        }
    }

    /** The {@code stty} command line that applies these settings to {@code device}. */
    public List<String> sttyCommand(Path device) {
        List<String> cmd = new ArrayList<>(List.of("stty", "-F", device.toString(), Integer.toString(baud), "raw",
                "-echo", "-echoe", "-echok", "-ixon", "-ixoff", "-crtscts", "clocal", "cread", "cs" + dataBits,
                stopBits == 2 ? "cstopb" : "-cstopb"));
        switch (parity) {
            case 'N' -> cmd.add("-parenb");
            case 'E' -> {
                cmd.add("parenb");
                cmd.add("-parodd");
            }
            default -> {
                cmd.add("parenb");
                cmd.add("parodd");
            }
        }
        return List.copyOf(cmd);
    }
}
