package org.avfusion.runtime.cli;

import static org.avfusion.runtime.cli.AvfusionCliTest.avfusion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay reports decision loss (issue #15, "Delivery"): its exit code is {@link ReplayJob#EXIT_DECISIONS_LOST} and
 * its summary counts the lost decisions and says why. The loss is real: the broker refuses every connection (nothing
 * listens on its port) and the outbox holds two decisions, so a replay at 100x real time (no back-pressure) evicts
 * all but the last two, and those two are never acknowledged.
 */
class ReplayDecisionLossTest {
    @TempDir
    Path dir;

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // closed again: connections to it are refused
        }
    }

    /** A replay's console and summary, and the decisions it made. */
    private record Lost(AvfusionCliTest.Run run, JsonNode summary, long decisions) {
    }

    /**
     * Replays at {@code speed} to a broker that refuses every connection with an outbox of two, and checks what every
     * such replay must show: exit 4, every decision lost, all but the outbox's two evicted, the console's line, no
     * stage error.
     */
    private Lost replayToARefusingBroker(String speed) throws Exception {
        Path profile = dir.resolve("tiny-outbox.yaml");
        Files.writeString(profile, """
                mqtt:
                  outboxCapacity: 2
                  connectTimeoutMillis: 300
                  ackTimeoutMillis: 100
                """);
        Path report = dir.resolve("report.json");
        AvfusionCliTest.Run r = avfusion("replay", "--speed", speed, "--max", "300", "--no-progress",
                "--config", profile.toString(), "--broker", "tcp://127.0.0.1:" + closedPort(),
                "--report", report.toString());
        assertEquals(ReplayJob.EXIT_DECISIONS_LOST, r.code(), r.both());
        JsonNode summary = new ObjectMapper().readTree(Files.readString(report));
        long decisions = 0;
        for (JsonNode n : summary.get("decisions")) {
            decisions += n.asLong();
        }
        assertTrue(decisions > 2, summary.toString());
        assertEquals(decisions, summary.get("decisionsLost").asLong(), "none reached the broker: " + summary);
        assertEquals(decisions - 2, summary.get("mqttDroppedDecisions").asLong(), "all but the outbox's two evicted");
        assertTrue(r.out().contains("DECISIONS LOST: " + decisions + " decision(s)"), r.both());
        summary.get("stageErrors").forEach(n -> assertEquals(0, n.asLong(), summary.toString()));
        return new Lost(r, summary, decisions);
    }

    @Test
    void aReplayThatLostDecisionsExitsFourAndItsSummaryCountsThem() throws Exception {
        Lost lost = replayToARefusingBroker("100");
        String why = lost.summary().get("decisionsLostWhy").asText();
        assertTrue(why.contains("evicted from the full outbox (mqtt.outboxCapacity 2)"), why);
        assertTrue(why.contains("2 unacknowledged at the end"), why);
        assertTrue(lost.run().out().contains("exit code " + ReplayJob.EXIT_DECISIONS_LOST), lost.run().both());
    }

    /**
     * As fast as possible the replay waits for the MQTT client's room, but only while it is connected: an
     * unreachable broker is not waited for (before, every objects and occupancy payload waited 30 s for a connection,
     * the simulated drive ran out of camera buffers after 5 s and the replay failed with an exception). It runs on as
     * a vehicle would, and the end counts what was lost.
     */
    @Test
    void asFastAsPossibleAnUnreachableBrokerIsNotWaitedForAndTheLossIsCounted() throws Exception {
        Lost lost = replayToARefusingBroker("max");
        assertEquals(0, lost.summary().get("droppedFrames").asLong(), "no frame lost: " + lost.summary());
    }

    @Test
    void theReplayHelpListsTheExitCodes() {
        AvfusionCliTest.Run r = avfusion("replay", "--help");
        assertEquals(0, r.code(), r.both());
        assertTrue(r.out().contains("Exit codes:"), r.both());
        assertTrue(r.out().contains("4   decisions lost"), r.both());
    }
}
