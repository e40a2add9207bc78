package org.avfusion.runtime.perceive;

/** Default-profile settings for the segmenter (perception + vehicle sections of config/default.yaml). */
final class SyntheticScenes {
    private SyntheticScenes() {
    }

    static GroundFilterConfig defaultConfig() {
        return new GroundFilterConfig(720, 0.5, 80.0, 10.0, 0.3, 2.5, 4.6, 1.85, 0.9);
    }
}
