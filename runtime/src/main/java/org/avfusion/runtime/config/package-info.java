/**
 * Runtime configuration: YAML profiles bound strictly into typed records by the shared
 * {@code org.avfusion.calibration.yaml.YamlBinder}. A profile is merged over the built-in {@code config/default.yaml}
 * (the one place defaults live, the live drivers' defaults included), then every record checks its numbers with
 * {@code Bounds}; unknown keys, wrong types and out-of-range values fail at start-up with the key path, the value and
 * the allowed range. {@link org.avfusion.runtime.config.RuntimeConfig#defaults()} is the base for fixtures and tools.
 * Depends on Jackson, {@code calibration.yaml}, the rig model and the frame model only.
 */
package org.avfusion.runtime.config;
