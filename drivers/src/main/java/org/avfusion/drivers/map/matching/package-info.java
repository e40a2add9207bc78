/**
 * Map matching: {@link org.avfusion.drivers.map.matching.HmmMapMatcher} places a stream of position fixes (GNSS or
 * fused ego pose) on the roads of a {@link org.avfusion.drivers.map.RoadNetwork} with a hidden-Markov model over the
 * recent fixes (Newson &amp; Krumm 2009), decoded online with a bounded lag. Depends on {@code drivers.map} only; no
 * threads, no files, no GraphHopper types.
 */
package org.avfusion.drivers.map.matching;
