package org.avfusion.drivers.ins.ncom;

/** Byte 21 of an NCOM packet: what the packet carries (values from OxTS's NCOM decoder). */
public enum NcomNavStatus {
    /** 0: nothing valid. */
    INVALID(0),
    /** 1: raw IMU measurements only (accelerations, rates), no navigation. */
    RAW_IMU(1),
    /** 2: initialising: navigation values approximate. */
    INITIALISING(2),
    /** 3: locking. */
    LOCKING(3),
    /** 4: locked, real-time navigation. */
    LOCKED(4),
    /** 5: unlocked (not decoded by OxTS's decoder either). */
    UNLOCKED(5),
    /** 6: firmware expired: nothing valid. */
    EXPIRED(6),
    /** 10: status information only. */
    STATUS_ONLY(10),
    /** 20-22: trigger event packets (initialising, locking, locked); time is the trigger's. */
    TRIGGER(20),
    /** Any other value (reserved). */
    RESERVED(-1);

    private final int code;

    NcomNavStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status of byte value {@code b} (0-255). */
    public static NcomNavStatus of(int b) {
        return switch (b) {
            case 0 -> INVALID;
            case 1 -> RAW_IMU;
            case 2 -> INITIALISING;
            case 3 -> LOCKING;
            case 4 -> LOCKED;
            case 5 -> UNLOCKED;
            case 6 -> EXPIRED;
            case 10 -> STATUS_ONLY;
            case 20, 21, 22 -> TRIGGER;
            default -> RESERVED;
        };
    }

    /** Whether the packet's accelerations and angular rates are measurements. */
    public boolean hasInertial() {
        return this == RAW_IMU || this == INITIALISING || this == LOCKING || this == LOCKED || this == TRIGGER;
    }

    /** Whether position, velocity and attitude are present (approximate while initialising). */
    public boolean hasNavigation() {
        return this == INITIALISING || this == LOCKING || this == LOCKED || this == TRIGGER;
    }
}
