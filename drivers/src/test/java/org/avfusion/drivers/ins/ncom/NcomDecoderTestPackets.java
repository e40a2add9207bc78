package org.avfusion.drivers.ins.ncom;

/** Valid packets for tests in other packages. */
public final class NcomDecoderTestPackets {
    private NcomDecoderTestPackets() {
    }

    /** A locked packet with status channel 0 (see {@link NcomDecoderTest#packet}). */
    public static byte[] locked() {
        return NcomDecoderTest.packet(4, 30_250, 0, 21_000_000);
    }
}
