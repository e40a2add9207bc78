/**
 * Runtime configuration: YAML profiles bound strictly into typed records. A profile is merged over the built-in
 * {@code config/default.yaml} (the one place defaults live), then every record validates itself; unknown keys,
 * wrong types and impossible values fail at start-up with the key path, the value and what to write instead.
 * Depends on Jackson and the frame model only.
 */
package org.avfusion.runtime.config;
