package org.avfusion.drivers.gnss.nmea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NmeaLineSplitterTest {

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** "number:text" for each line handed over, "number:overlong" for each discarded one. */
    private static final class Recorder {
        final List<String> seen = new ArrayList<>();

        void line(NmeaLineSplitter.Line line, long number) {
            seen.add(number + ":" + line);
        }

        void overlong(long number) {
            seen.add(number + ":overlong");
        }
    }

    private static List<String> streamed(byte[] bytes, int maxLineBytes, int[] chunkSizes) {
        Recorder recorder = new Recorder();
        NmeaLineSplitter splitter = new NmeaLineSplitter(maxLineBytes, recorder::line, recorder::overlong);
        int at = 0;
        for (int i = 0; at < bytes.length; i++) {
            int n = Math.min(chunkSizes[i % chunkSizes.length], bytes.length - at);
            splitter.accept(bytes, at, n);
            at += n;
        }
        splitter.endPartialLine();
        return recorder.seen;
    }

    private static List<String> whole(byte[] bytes) {
        Recorder recorder = new Recorder();
        NmeaLineSplitter.splitAll(bytes, 0, bytes.length, recorder::line);
        return recorder.seen;
    }

    @Test
    void trimsControlCharactersAndBlanksAndSkipsBlankAndCommentLinesButCountsThem() {
        byte[] text = latin1("# gpsd log header\n"
                + "\n"
                + "  $GPGGA,1*00 \r\n"
                + "\u0000\t$GPRMC,2*00\u0000\r\n"
                + "   # indented comment\n"
                + "\u0001\u0002garbage\u00ff\n"
                + "$GPVTG,3*00");
        List<String> expected = List.of("3:$GPGGA,1*00", "4:$GPRMC,2*00", "6:garbage\u00ff", "7:$GPVTG,3*00");
        assertEquals(expected, whole(text));
        assertEquals(expected, streamed(text, 64, new int[] {1}));
        assertEquals(expected, streamed(text, 64, new int[] {1_000}));
    }

    @Test
    void aStreamedLineLongerThanTheLimitIsDiscardedToItsEndAndNamed() {
        byte[] text = latin1("$GPGGA,0123456789abcdef*00\n$GPGGA,short*00\n0123456789abcdefXYZ");
        assertEquals(List.of("1:overlong", "2:$GPGGA,short*00", "3:overlong"), streamed(text, 16, new int[] {5, 7}));
        assertEquals(List.of("1:$GPGGA,0123456789abcdef*00", "2:$GPGGA,short*00", "3:0123456789abcdefXYZ"),
                whole(text), "a buffer split whole has no length limit");
    }

    @Test
    void aLineOfExactlyTheLimitIsKept() {
        assertEquals(List.of("1:0123456789abcdef"), streamed(latin1("0123456789abcdef\n"), 16, new int[] {3}));
    }

    @Test
    void aDiscardedPartialLineLeavesNoTrace() {
        Recorder recorder = new Recorder();
        NmeaLineSplitter splitter = new NmeaLineSplitter(32, recorder::line, recorder::overlong);
        splitter.accept(latin1("$GPGGA,cut"), 0, 10);
        splitter.discardPartialLine();
        splitter.accept(latin1("$GPRMC,whole*00\n"), 0, 16);
        splitter.endPartialLine();
        assertEquals(List.of("1:$GPRMC,whole*00"), recorder.seen);
        assertEquals(1, splitter.lineNumber());
    }

    @Test
    void droppingAStampPrefixNarrowsTheWindow() {
        List<String> sentences = new ArrayList<>();
        NmeaLineSplitter.splitAll(latin1("1419995239.25: $GPGGA,1*00\n"), 0, 27, (line, number) -> {
            line.dropFirst(15);
            sentences.add(line.toString() + "|" + line.length() + "|" + line.charAt(0) + "|" + line.subSequence(1, 3));
        });
        assertEquals(List.of("$GPGGA,1*00|11|$|GP"), sentences);
    }

    @Test
    void randomChunksSplitAsTheWholeBufferDoes() {
        Random random = new Random(20_141_231L);
        String[] pieces = {"$GPGGA,1*00", "\r", "\n", " ", "#c", "\u0000", "\u00ff", "x", "\t"};
        for (int round = 0; round < 200; round++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] text = latin1(b.toString());
            int[] chunks = {1 + random.nextInt(9), 1 + random.nextInt(9), 1 + random.nextInt(9)};
            assertEquals(whole(text), streamed(text, 1_024, chunks), "seed 20141231, round " + round + ": '"
                    + b.toString().replace("\n", "\\n").replace("\r", "\\r") + "'");
        }
    }

    @Test
    void aLimitBelowSixteenBytesIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NmeaLineSplitter(15, (line, number) -> { }, number -> { }));
        assertEquals("maxLineBytes must be >= 16, was 15", e.getMessage());
    }
}
