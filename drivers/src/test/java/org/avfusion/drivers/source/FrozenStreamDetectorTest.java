package org.avfusion.drivers.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.source.FrozenStreamDetector.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Packets as a string: F fresh, D identical to the previous one, S stamp not advancing; verdicts with a freeze at 3. */
class FrozenStreamDetectorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "FFFF,        FFFF,      OK",
        "FDF,         FDF,       OK",        // a duplicate on the wire is dropped, the stream goes on
        "FSF,         FSF,       OK",        // one reordered packet is used
        "FDDDD,       FDDXX,     FROZEN",    // the same packet over and over: frozen at the third repeat
        "FSSSS,       FSSXX,     FROZEN",    // stamps stuck: frozen too
        "FDSDF,       FDSXF,     OK",        // a fresh packet ends the freeze
        "FDDFDD,      FDDFDD,    OK"})       // repeats must come in a row
    void verdictsFollowTheTable(String packets, String expected, String status) {
        FrozenStreamDetector d = new FrozenStreamDetector(3);
        List<String> got = new ArrayList<>();
        for (char c : packets.toCharArray()) {
            Verdict v = d.observe(c == 'D', c == 'F');
            got.add(switch (v) {
                case FRESH -> "F";
                case DUPLICATE -> "D";
                case STALE -> "S";
                case FROZEN -> "X";
            });
        }
        assertEquals(expected, String.join("", got));
        assertEquals(status, d.status());
    }
}
