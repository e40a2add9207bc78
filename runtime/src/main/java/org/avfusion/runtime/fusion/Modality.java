package org.avfusion.runtime.fusion;

import java.util.EnumSet;
import java.util.Set;

/** A sensor modality that contributed to a fused object; objects carry them as a bit mask ({@link #bit()}). */
public enum Modality {
    /** Lidar points: a cluster, or lidar depth in a detection box. */
    LIDAR,
    /** A camera detection: the class and the image box. */
    CAMERA,
    /** The monocular depth model's metric depth in a detection box. */
    DEPTH_MODEL,
    /**
     * The flat-ground range of a detection box's bottom edge ({@link GroundPlaneRange}): camera geometry alone, used
     * where neither lidar nor a depth model has depth in the box (lidar dropout).
     */
    GROUND_PLANE;

    public int bit() {
        return 1 << ordinal();
    }

    /** The modalities of a bit mask. */
    public static Set<Modality> of(int mask) {
        EnumSet<Modality> s = EnumSet.noneOf(Modality.class);
        for (Modality m : values()) {
            if ((mask & m.bit()) != 0) {
                s.add(m);
            }
        }
        return s;
    }
}
