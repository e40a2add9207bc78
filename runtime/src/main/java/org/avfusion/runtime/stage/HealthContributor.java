package org.avfusion.runtime.stage;

import org.avfusion.runtime.output.json.JsonWriter;

/** Adds its counters to a health report being written. Called on the publish stage's thread. */
@FunctionalInterface
public interface HealthContributor {
    void appendTo(JsonWriter health);
}
