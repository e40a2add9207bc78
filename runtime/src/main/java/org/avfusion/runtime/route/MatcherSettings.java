package org.avfusion.runtime.route;

import static org.avfusion.calibration.yaml.Bounds.*;

import org.avfusion.drivers.map.matching.MatcherConfig;

/**
 * The map matcher's settings as a profile gives them ({@code map.matcher}); see {@link MatcherConfig} for their
 * meaning. Ranges are checked here so a bad value fails at load with its key.
 */
public record MatcherSettings(double searchRadiusMeters, double sigmaMeters, double betaMeters, int lagFixes,
        int maxCandidates) {

    public MatcherSettings {
        requirePositive("map.matcher.searchRadiusMeters", searchRadiusMeters, 500, "m");
        requirePositive("map.matcher.sigmaMeters", sigmaMeters, 100, "m");
        requirePositive("map.matcher.betaMeters", betaMeters, 1000, "m");
        requireInRange("map.matcher.lagFixes", lagFixes, 0, 100, "fixes");
        requireInRange("map.matcher.maxCandidates", maxCandidates, 1, 64, "edges");
    }

    public MatcherConfig toMatcherConfig() {
        return new MatcherConfig(searchRadiusMeters, sigmaMeters, betaMeters, lagFixes, maxCandidates);
    }
}
