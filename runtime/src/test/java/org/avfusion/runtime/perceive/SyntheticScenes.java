package org.avfusion.runtime.perceive;

import org.avfusion.runtime.config.RuntimeConfig;

/** Default-profile settings for the segmenter (perception + vehicle sections of config/default.yaml). */
final class SyntheticScenes {
    private SyntheticScenes() {
    }

    static GroundFilterConfig defaultConfig() {
        return RuntimeConfig.defaults().perception();
    }
}
