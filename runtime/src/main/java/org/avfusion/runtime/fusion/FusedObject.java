package org.avfusion.runtime.fusion;

import java.util.Objects;
import java.util.Set;

/**
 * One fused object as a value (for tools and tests; stages read {@link FusedObjects} directly): its class, an
 * oriented box in the lidar frame (centre {@code x, y, z}, length >= width along yaw, height; metres and radians),
 * the lidar points behind it (or depth pixels, for an object placed by depth alone), the modalities that
 * contributed, and the detection score (0 without a detection).
 */
public record FusedObject(ObjectClass objectClass, double xMeters, double yMeters, double zMeters,
        double lengthMeters, double widthMeters, double heightMeters, double yawRad, int points,
        Set<Modality> modalities, double score) {
    public FusedObject {
        Objects.requireNonNull(objectClass, "objectClass");
        modalities = Set.copyOf(modalities);
        if (!Double.isFinite(xMeters) || !Double.isFinite(yMeters) || !Double.isFinite(zMeters)) {
            throw new IllegalArgumentException("fused object position must be finite, was (" + xMeters + ", "
                    + yMeters + ", " + zMeters + ")");
        }
        if (!(lengthMeters >= 0 && widthMeters >= 0 && heightMeters >= 0)) {
            throw new IllegalArgumentException("fused object size must be >= 0, was " + lengthMeters + " x "
                    + widthMeters + " x " + heightMeters);
        }
        if (points < 0) {
            throw new IllegalArgumentException("points must be >= 0, was " + points);
        }
        if (modalities.isEmpty()) {
            throw new IllegalArgumentException("a fused object needs at least one modality");
        }
    }
}
