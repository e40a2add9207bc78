/**
 * {@code avfusion config}: checks of the YAML a user writes (profiles, rig files, scenarios) without running
 * anything, for CI and for a vehicle before it starts. Each file goes through the same loader the runtime uses
 * ({@code runtime.config}, {@code calibration.io}, {@code scenarios.sim}); depends on those and picocli only.
 */
package org.avfusion.runtime.cli.config;
