package org.avfusion.runtime.inference.preprocess;

import java.util.Arrays;

/**
 * How a model wants its BGR input: pixel value {@code v} (0..255) becomes {@code (v - mean[c]) / std[c]} for channel
 * {@code c} in B, G, R order, and padding is filled with the raw value {@code padValue} before normalising.
 *
 * @param meanBgr per-channel mean, B G R, in pixel units
 * @param stdBgr per-channel standard deviation, B G R, in pixel units (positive)
 * @param padValue raw pixel value (0..255) of the letterbox padding
 */
public record Normalization(double[] meanBgr, double[] stdBgr, double padValue) {
    public Normalization {
        if (meanBgr == null || meanBgr.length != 3 || stdBgr == null || stdBgr.length != 3) {
            throw new IllegalArgumentException("meanBgr and stdBgr need three values (B, G, R), were "
                    + Arrays.toString(meanBgr) + ", " + Arrays.toString(stdBgr));
        }
        for (double s : stdBgr) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("stdBgr values must be positive, were " + Arrays.toString(stdBgr));
            }
        }
        if (!(padValue >= 0 && padValue <= 255)) {
            throw new IllegalArgumentException("padValue must be in [0, 255], was " + padValue);
        }
        meanBgr = meanBgr.clone();
        stdBgr = stdBgr.clone();
    }

    /** Raw 0..255 values, padded with {@code padValue} (YOLOX: 114). */
    public static Normalization raw(double padValue) {
        return new Normalization(new double[]{0, 0, 0}, new double[]{1, 1, 1}, padValue);
    }

    @Override
    public double[] meanBgr() {
        return meanBgr.clone();
    }

    @Override
    public double[] stdBgr() {
        return stdBgr.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(meanBgr, n.meanBgr) && Arrays.equals(stdBgr, n.stdBgr)
                && padValue == n.padValue;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(meanBgr) + Arrays.hashCode(stdBgr)) + Double.hashCode(padValue);
    }

    @Override
    public String toString() {
        return "Normalization[meanBgr=" + Arrays.toString(meanBgr) + ", stdBgr=" + Arrays.toString(stdBgr)
                + ", padValue=" + padValue + "]";
    }
}
