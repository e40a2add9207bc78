package org.avfusion.runtime.plan;

import org.avfusion.runtime.config.RuntimeConfig;

/** The decision section of config/default.yaml, with the vehicle of the default profile. */
final class PlanFixtures {
    /** vehicle.lengthMeters - rearOverhangMeters of the default profile: base_link to front bumper. */
    static final double FRONT_OVERHANG_METERS = RuntimeConfig.defaults().decision().frontOverhangMeters();

    private PlanFixtures() {
    }

    static DecisionConfig defaultConfig() {
        return RuntimeConfig.defaults().decision();
    }
}
