package org.avfusion.drivers.camera;

/**
 * What a camera source did, as an immutable snapshot of its {@link CameraHealth}.
 *
 * @param frames        frames decoded and published
 * @param decodeErrors  failures to open, read or decode input (a missing or corrupt file, a truncated stream, an
 *                      unreadable image, a lost connection); each also sets {@code lastError}
 * @param poolExhausted frames decoded but dropped because every image buffer was in use downstream
 * @param clockResyncs  times a live source's stamp mapping was re-anchored because the arrival clock drifted from
 *                      the stream's PTS by more than the tolerance (always 0 for recorded sources)
 * @param ptsRepaired   frames whose PTS was missing or not increasing, stamped one frame period after the previous
 * @param lastError     the last error, naming the file or URL and the frame index; empty when there was none
 */
public record CameraStats(
        long frames,
        long decodeErrors,
        long poolExhausted,
        long clockResyncs,
        long ptsRepaired,
        String lastError) {

    public CameraStats {
        if (frames < 0 || decodeErrors < 0 || poolExhausted < 0 || clockResyncs < 0 || ptsRepaired < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (lastError == null) {
            throw new IllegalArgumentException("lastError must not be null (use \"\")");
        }
    }

    /** True when nothing went wrong: no decode error and no dropped frame. */
    public boolean clean() {
        return decodeErrors == 0 && poolExhausted == 0;
    }
}
