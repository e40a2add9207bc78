package org.avfusion.drivers.recorded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a recorded source's health keeps of many rejections. */
class RecordedHealthTest {
    @Test
    void theFirstMessagesAreKeptAndEveryRejectionCounted() {
        RecordedHealth health = new RecordedHealth("drive");
        for (int i = 0; i < 1000; i++) {
            health.reject(RejectReason.MALFORMED, "log.nmea:" + (i + 1) + ": bad checksum");
        }
        health.reject(RejectReason.TRUNCATED_FILE, 40, "log.bag@99: cut short; 40 messages lost");
        assertEquals(1040, health.rejected());
        assertEquals(40, health.rejected(RejectReason.TRUNCATED_FILE));
        assertEquals(RecordedHealth.KEPT_MESSAGES, health.messages().size());
        assertEquals("MALFORMED: log.nmea:1: bad checksum", health.messages().get(0), "the first, as the console says");
        assertEquals("MALFORMED: log.nmea:64: bad checksum", health.messages().get(RecordedHealth.KEPT_MESSAGES - 1));
        assertEquals("TRUNCATED_FILE: log.bag@99: cut short; 40 messages lost", health.lastError(), "the last");
    }
}
