/**
 * The one strict YAML binder of avfusion and its bounds checks: {@link org.avfusion.calibration.yaml.YamlBinder}
 * reads YAML (Jackson) into records, refusing unknown keys, duplicate keys and wrong scalar types, and
 * {@link org.avfusion.calibration.yaml.Bounds} gives every record the same range checks, whose messages name the key,
 * the value and the allowed range. Profiles (runtime), scenarios (scenarios) and rig files (this module) all bind
 * through here.
 *
 * <p>Why here: it lives in the lowest module that reads a user's YAML. Rig files are read by {@code calibration.io},
 * and {@code calibration} is the bottom of the module graph (drivers, scenarios and runtime depend on it), so this is
 * the only place all four dialects can share without a dependency running backwards or a new module. It may depend
 * on Jackson only; {@code Bounds} is plain Java and may be used by algorithm packages' config records.
 */
package org.avfusion.calibration.yaml;
