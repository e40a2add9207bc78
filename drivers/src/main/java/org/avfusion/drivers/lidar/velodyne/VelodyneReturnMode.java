package org.avfusion.drivers.lidar.velodyne;

/** The return-mode byte (offset 1204) of a Velodyne data packet. */
public enum VelodyneReturnMode {
    STRONGEST(0x37),
    LAST(0x38),
    /** Blocks come in pairs with one azimuth: last return, then strongest (or second strongest). */
    DUAL(0x39);

    private final int code;

    VelodyneReturnMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The mode with this byte, or {@code null}. */
    public static VelodyneReturnMode of(int code) {
        for (VelodyneReturnMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }
}
