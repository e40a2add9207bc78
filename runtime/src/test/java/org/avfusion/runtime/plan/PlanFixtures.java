package org.avfusion.runtime.plan;

/** The decision section of config/default.yaml, with the vehicle of the default profile. */
final class PlanFixtures {
    /** vehicle.lengthMeters 4.6 - rearOverhangMeters 0.9: base_link to front bumper. */
    static final double FRONT_OVERHANG_METERS = 3.7;

    private PlanFixtures() {
    }

    static DecisionConfig defaultConfig() {
        return new DecisionConfig(1.85, FRONT_OVERHANG_METERS, 0.4, 50.0, 3.0, 500, 6.0, 2.0, 1000, 500, 0.2, 1);
    }
}
