package org.avfusion.drivers.camera;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * One opened FFmpeg input (a file, an RTSP/HTTP URL or a V4L2 device) delivering decoded video frames converted to
 * {@code bgr24} by FFmpeg's swscale. The one class of this package that talks to FFmpeg.
 *
 * <p>Not thread-safe: one decoding thread opens, reads and closes it. The {@link Frame} returned by {@link #grab()}
 * and its pixels belong to the grabber and stay valid only until the next {@code grab} or {@code close}.
 */
final class FfmpegVideoReader implements AutoCloseable {
    private static final long DEFAULT_FRAME_PERIOD_NANOS = 40_000_000L;

    static {
        // FFmpeg logs each opened input's stream table at INFO; a runtime opening cameras wants errors only
        if (avutil.av_log_get_level() > avutil.AV_LOG_ERROR) {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        }
    }

    private final String input;
    private final FFmpegFrameGrabber grabber;
    private final long declaredFrames;

    private FfmpegVideoReader(String input, FFmpegFrameGrabber grabber) {
        this.input = input;
        this.grabber = grabber;
        this.declaredFrames = declaredVideoFrames(grabber.getFormatContext());
    }

    /**
     * Opens {@code input}.
     *
     * @param input          a file path, a URL or a device ({@code /dev/video0} with format {@code video4linux2})
     * @param format         FFmpeg input format to force, or null to probe
     * @param options        FFmpeg demuxer options ({@code rtsp_transport=tcp}, {@code video_size=1280x720} ...)
     * @param ioTimeoutMillis abandon a blocking read after this long (0: never)
     * @throws CameraInputException when the input is missing, is not a video FFmpeg reads, or has no video stream;
     *                              the message names the input
     */
    static FfmpegVideoReader open(String input, String format, Map<String, String> options, int ioTimeoutMillis) {
        if (format == null && !input.contains("://")) {
            checkReadableFile(input);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input);
        if (format != null) {
            grabber.setFormat(format);
        }
        grabber.setOptions(options);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        if (ioTimeoutMillis > 0) {
            grabber.setTimeout(ioTimeoutMillis);
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            releaseQuietly(grabber);
            throw new CameraInputException(input, "cannot open video " + input + ": not a video FFmpeg can read ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        if (format == null && "tty".equals(grabber.getFormat())) {
            // FFmpeg's ANSI-art demuxer "decodes" any .txt/.ans file into pictures of its text
            releaseQuietly(grabber);
            throw new CameraInputException(input, "cannot open video " + input
                    + ": not a video FFmpeg can read (it is a text file)", null);
        }
        if (grabber.getImageWidth() < 1 || grabber.getImageHeight() < 1) {
            releaseQuietly(grabber);
            throw new CameraInputException(input, "cannot open video " + input + ": it has no video stream", null);
        }
        return new FfmpegVideoReader(input, grabber);
    }

    private static void checkReadableFile(String input) {
        Path file;
        try {
            file = Path.of(input);
        } catch (InvalidPathException e) {
            throw new CameraInputException(input, "cannot open video " + input + ": not a valid path", e);
        }
        if (!Files.exists(file)) {
            throw new CameraInputException(input, "cannot open video " + input + ": no such file", null);
        }
        if (!Files.isRegularFile(file)) {
            if (file.startsWith("/dev")) {
                return;
            }
            throw new CameraInputException(input, "cannot open video " + input + ": not a regular file", null);
        }
        if (!Files.isReadable(file)) {
            throw new CameraInputException(input, "cannot open video " + input + ": not readable", null);
        }
    }

    /** The video stream's frame count as its container declares it (MP4 sample tables), or -1 when unknown. */
    private static long declaredVideoFrames(AVFormatContext context) {
        if (context == null) {
            return -1;
        }
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream stream = context.streams(i);
            if (stream != null && stream.codecpar() != null
                    && stream.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                long frames = stream.nb_frames();
                return frames > 0 ? frames : -1;
            }
        }
        return -1;
    }

    /**
     * Decodes the next video frame.
     *
     * @return the frame (owned by the grabber, valid until the next call), or null at the end of the input
     * @throws FrameGrabber.Exception when reading or decoding fails
     */
    Frame grab() throws FrameGrabber.Exception {
        return grabber.grabImage();
    }

    /** The input as given (file, URL or device). */
    String input() {
        return input;
    }

    int widthPixels() {
        return grabber.getImageWidth();
    }

    int heightPixels() {
        return grabber.getImageHeight();
    }

    /** Nominal time between frames from the stream's frame rate; 40 ms when the stream does not say. */
    long framePeriodNanos() {
        double rate = grabber.getFrameRate();
        if (!(rate > 0) || Double.isInfinite(rate) || rate > 10_000) {
            return DEFAULT_FRAME_PERIOD_NANOS;
        }
        return Math.round(1e9 / rate);
    }

    /** Frames the container says the video stream holds, or -1 when it does not say (live streams, some formats). */
    long declaredFrames() {
        return declaredFrames;
    }

    @Override
    public void close() {
        releaseQuietly(grabber);
    }

    private static void releaseQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // closing a half-opened or broken input: nothing left to report beyond the error already counted
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int cut = message.indexOf(" (Has setFormat()");
        String line = cut > 0 ? message.substring(0, cut) : message;
        int newline = line.indexOf('\n');
        return newline > 0 ? line.substring(0, newline) : line;
    }
}
