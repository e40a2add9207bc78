package org.avfusion.runtime.output.mqtt.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.avfusion.runtime.output.mqtt.broker.BrokerAccessPolicy.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrokerAccessPolicyTest {

    @ParameterizedTest(name = "loopback={0} user={1} password={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "true,  -,                 -,      OBSERVER",
            "false, -,                 -,      refused: credentials required",
            "true,  avfusion-runtime,  rt-pw,  RUNTIME",
            "false, avfusion-runtime,  rt-pw,  RUNTIME",
            "true,  avfusion-runtime,  cmd-pw, refused: bad user name or password",
            "true,  avfusion-command,  cmd-pw, COMMANDER",
            "true,  avfusion-command,  rt-pw,  refused: bad user name or password",
            "true,  someone,           rt-pw,  refused: bad user name or password",
            "true,  avfusion-runtime,  -,      refused: bad user name or password"})
    void decidesEachConnect(boolean loopback, String user, String password, String expected) {
        BrokerAccessPolicy policy = new BrokerAccessPolicy("rt-pw", "cmd-pw", loopback);
        BrokerAccessPolicy.Verdict verdict = policy.connect(user,
                password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        String outcome = verdict.allowed() ? verdict.role().name() : "refused: " + verdict.refusal();
        assertEquals(expected, outcome.substring(0, Math.min(outcome.length(), expected.length())));
    }

    @ParameterizedTest
    @CsvSource({"avfusion-command, cmd-pw"})
    void withoutACommandPasswordThereIsNoCommander(String user, String password) {
        BrokerAccessPolicy policy = new BrokerAccessPolicy("rt-pw", null, true);
        assertEquals(false, policy.connect(user, password.getBytes(StandardCharsets.UTF_8)).allowed());
        assertEquals(java.util.List.of("avfusion/+/command/#"), Role.COMMANDER.publish());
    }
}
