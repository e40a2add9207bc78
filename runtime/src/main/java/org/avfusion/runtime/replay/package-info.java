/**
 * Replay as a library call: one recording (a recorded drive in any supported format, or a simulated scenario) in,
 * its decision stream and summary out, with no global state, no port and memory bounded by the recording's pools,
 * so that many replays run side by side in one JVM ({@code avfusion replay} and the fleet replay both call
 * {@link org.avfusion.runtime.replay.Replay}). It sits in the pipeline layer: it may depend on
 * {@code pipeline}, {@code output}, {@code config}, {@code inference} and the drivers' recording formats, never on
 * {@code cli}.
 */
package org.avfusion.runtime.replay;
