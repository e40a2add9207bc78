package org.avfusion.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.avfusion.scenarios.sim.ScenarioCatalog;
import org.avfusion.scenarios.sim.ScenarioSpec;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.MqttConfig;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.avfusion.runtime.output.DecisionListener;
import org.avfusion.scenarios.expect.MqttRecorder;
import org.avfusion.scenarios.expect.RecordedDecision;

/**
 * Runs a scenario through the whole runtime (ring, stages, MQTT client) against a broker, with a real subscriber
 * recording what comes out.
 */
final class EndToEnd {
    private EndToEnd() {
    }

    /** What one drive produced, as the subscriber saw it. */
    record Outcome(ReplayJob.Result result, List<RecordedDecision> decisions, MqttRecorder recorder) {
    }

    /** The built-in profile pointed at {@code brokerUri}. */
    static RuntimeConfig profileFor(String brokerUri) {
        RuntimeConfig d = new ConfigLoader().loadDefault();
        MqttConfig m = d.mqtt();
        return d.withMqtt(new MqttConfig(brokerUri, 0, m.connectTimeoutMillis(), m.reconnectMinDelayMillis(),
                m.reconnectMaxDelayMillis(), m.maxInflight(), m.keepAliveSeconds(), m.occupancyEverySets(),
                m.healthPeriodMillis()));
    }

    static Outcome drive(String brokerUri, String scenario, UnaryOperator<FrameSink> faults) throws Exception {
        return drive(brokerUri, scenario, faults, null);
    }

    static Outcome drive(String brokerUri, String scenario, UnaryOperator<FrameSink> faults, DetectorConfig detection)
            throws Exception {
        return drive(brokerUri, scenario, faults, detection, UnaryOperator.identity());
    }

    /** As above, with the default profile changed by {@code profileEdit}. */
    static Outcome drive(String brokerUri, String scenario, UnaryOperator<FrameSink> faults, DetectorConfig detection,
            UnaryOperator<RuntimeConfig> profileEdit) throws Exception {
        ScenarioSpec spec = ScenarioCatalog.loadBuiltIn(scenario);
        RuntimeConfig profile = profileEdit.apply(profileFor(brokerUri));
        MqttRecorder recorder = MqttRecorder.subscribe(brokerUri, profile.vehicle().id());
        try {
            ReplayJob.Result result = ReplayJob.run(spec, profile, new ReplayJob.Options(
                    ReplayPacer.AS_FAST_AS_POSSIBLE, Long.MAX_VALUE, null, null, faults, DecisionListener.NONE,
                    detection));
            long expected = result.decisions().values().stream().mapToLong(Long::longValue).sum();
            assertTrue(recorder.awaitDecisions(expected, 20, TimeUnit.SECONDS),
                    "subscriber got " + recorder.decisions().size() + " of " + expected + " decisions");
            assertEquals(0, recorder.malformedCount(), "malformed MQTT messages");
            assertEquals(0, result.stageErrors().values().stream().mapToLong(Long::longValue).sum(),
                    "stage errors " + result.stageErrors());
            return new Outcome(result, recorder.decisions(), recorder);
        } finally {
            recorder.close();
        }
    }
}
