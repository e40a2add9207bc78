/**
 * Scenarios: the catalogue of drives (YAML files in {@code scenarios/catalog}, loaded by
 * {@code org.avfusion.scenarios.sim.ScenarioCatalog}), fault injection between sources and the runtime, and the
 * expectations end-to-end tests check against what the runtime publishes over MQTT.
 */
package org.avfusion.scenarios;
