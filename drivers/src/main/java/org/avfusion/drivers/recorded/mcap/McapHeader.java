package org.avfusion.drivers.recorded.mcap;

import java.util.Objects;

/**
 * The Header record: the profile (e.g. {@code ros2}, or empty) and the writing library, free form.
 */
public record McapHeader(String profile, String library) {
    public McapHeader {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(library, "library");
    }
}
