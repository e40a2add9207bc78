package org.avfusion.drivers.map.matching;

/**
 * Settings of the {@link HmmMapMatcher}; defaults in {@link #defaults()}.
 *
 * @param searchRadiusMeters  roads farther than this from a fix are not candidates; a fix with none is OFF_ROAD,
 *                            (0, 500]
 * @param sigmaMeters         standard deviation of the fix's distance from the road (GNSS noise plus the lane's
 *                            offset from the centre line), Newson &amp; Krumm's sigma_z, (0, 100]
 * @param betaMeters          scale of the exponential on |route distance - great-circle distance| between consecutive
 *                            fixes, Newson &amp; Krumm's beta, (0, 1000]
 * @param lagFixes            a fix's road is settled once this many later fixes have arrived, [0, 100]
 * @param maxCandidates       at most this many nearest road edges per fix, [1, 64]
 */
public record MatcherConfig(double searchRadiusMeters, double sigmaMeters, double betaMeters, int lagFixes,
        int maxCandidates) {

    public static final double DEFAULT_SEARCH_RADIUS_METERS = 40;
    public static final double DEFAULT_SIGMA_METERS = 4;
    public static final double DEFAULT_BETA_METERS = 10;
    public static final int DEFAULT_LAG_FIXES = 5;
    public static final int DEFAULT_MAX_CANDIDATES = 10;

    public MatcherConfig {
        check("searchRadiusMeters", searchRadiusMeters, 500);
        check("sigmaMeters", sigmaMeters, 100);
        check("betaMeters", betaMeters, 1000);
        if (lagFixes < 0 || lagFixes > 100) {
            throw new IllegalArgumentException("lagFixes must be in [0, 100], was " + lagFixes);
        }
        if (maxCandidates < 1 || maxCandidates > 64) {
            throw new IllegalArgumentException("maxCandidates must be in [1, 64], was " + maxCandidates);
        }
    }

    private static void check(String name, double v, double max) {
        if (!(v > 0 && v <= max)) {
            throw new IllegalArgumentException(name + " must be in (0, " + max + "], was " + v);
        }
    }

    public static MatcherConfig defaults() {
        return new MatcherConfig(DEFAULT_SEARCH_RADIUS_METERS, DEFAULT_SIGMA_METERS, DEFAULT_BETA_METERS,
                DEFAULT_LAG_FIXES, DEFAULT_MAX_CANDIDATES);
    }
}
