package org.avfusion.drivers.gnss.nmea;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.drivers.frame.GnssFix;

/**
 * Reads a gpsd-style NMEA capture ({@code .log}): one sentence a line, lines starting with {@code #} are comments,
 * blank lines are skipped, and lines may hold binary junk (bytes are read as ISO-8859-1, so any byte is one
 * character and nothing fails to decode); the lines are split by {@link NmeaLineSplitter}, as the streaming sources
 * split them. Each remaining line goes through one {@link NmeaDecoder}; the epoch in progress at the end of the file
 * is flushed.
 *
 * <p>The only class of this package that does I/O. Stateless and thread-safe; each call reads the whole file.
 */
public final class NmeaLogReader {

    /**
     * What a log held.
     *
     * @param file   the file read
     * @param fixes  one fix per receiver epoch, in file order
     * @param lines  for each fix, the 1-based line number of the sentence that released it (the flush at end of
     *               file counts as the line after the last)
     * @param stats  the decoder's counts over every non-comment line
     * @param errors one message per bad line (bad or missing checksum, malformed, impossible value; not an
     *               unsupported sentence type): {@code "<file>:<line>: <reason>"}, the reason naming the sentence
     *               type, field index and value
     */
    public record Result(Path file, List<GnssFix> fixes, List<Integer> lines, NmeaStats stats, List<String> errors) {
        public Result {
            fixes = List.copyOf(fixes);
            lines = List.copyOf(lines);
            errors = List.copyOf(errors);
            if (fixes.size() != lines.size()) {
                throw new IllegalArgumentException("one line number per fix: " + fixes.size() + " fixes, "
                        + lines.size() + " lines");
            }
        }
    }

    private NmeaLogReader() {
    }

    /**
     * Decodes every sentence of {@code file}.
     *
     * @throws IOException when the file cannot be read; the message names the file
     */
    public static Result read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IOException("cannot read NMEA log " + file + ": " + e.getMessage(), e);
        }
        NmeaDecoder decoder = new NmeaDecoder();
        List<GnssFix> fixes = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long lineCount = NmeaLineSplitter.splitAll(bytes, 0, bytes.length, (line, lineNumber) -> {
            long errorsBefore = errorCount(decoder.stats());
            GnssFix fix = decoder.accept(line);
            if (fix != null) {
                fixes.add(fix);
                lineNumbers.add((int) lineNumber);
            }
            NmeaStats stats = decoder.stats();
            if (errorCount(stats) != errorsBefore) {
                errors.add(file + ":" + lineNumber + ": " + stats.lastError());
            }
        });
        GnssFix last = decoder.flush();
        if (last != null) {
            fixes.add(last);
            lineNumbers.add((int) lineCount + 1);
        }
        return new Result(file, fixes, lineNumbers, decoder.stats(), errors);
    }

    /** Rejections that mean a bad line; an unsupported sentence type is not an error. */
    private static long errorCount(NmeaStats stats) {
        return stats.rejected() - stats.unsupported();
    }
}
