package org.avfusion.runtime.cli.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.avfusion.runtime.output.json.JsonLines;
import org.avfusion.drivers.camera.CameraInputException;
import org.avfusion.drivers.camera.CameraStats;
import org.avfusion.drivers.camera.VideoFileSource;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.RecordedSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code avfusion decode video FILE}: decodes a video file with the camera driver and prints one JSON object per
 * frame, {@code {"index":0,"pts_ns":0,"width":1280,"height":720}}, where {@code pts_ns} is the frame's presentation
 * time relative to the first frame's, nanoseconds (the stamp {@link VideoFileSource} gives with base 0).
 *
 * <p>Exit codes: 0 every frame decoded; 2 the file is missing, is not a video, or breaks off (truncated or
 * corrupt: the frames before the break are printed first), with a message on stderr naming the file and the frame
 * index.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = "Decode a video file (FFmpeg) and print one JSON line per frame: index, pts_ns, width, height.")
public final class DecodeVideoCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The video file (MP4, MKV, AVI ... anything FFmpeg reads).")
    Path file;

    @Option(names = "--max", paramLabel = "FRAMES", description = "Stop after this many frames.")
    Long maxFrames;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxFrames != null && (maxFrames < 1 || maxFrames > 1_000_000_000_000L)) {
            err.println("avfusion decode video: --max must be in [1, 1000000000000] frames, was " + maxFrames);
            err.flush();
            return EXIT_BAD_INPUT;
        }
        long max = maxFrames == null ? Long.MAX_VALUE : maxFrames;
        VideoFileSource source;
        try {
            source = VideoFileSource.open(file, new SensorId("camera", SensorKind.CAMERA), 0, 0, 2);
        } catch (CameraInputException e) {
            err.println("avfusion decode video: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        JsonLines lines = JsonLines.to(out);
        JsonGenerator g = lines.generator();
        FrameSink printer = (FrameHeader header, Payload payload) -> {
            CameraImage image = (CameraImage) payload;
            try {
                g.writeStartObject();
                g.writeNumberField("index", header.sequence());
                g.writeNumberField("pts_ns", header.stampNanos());
                g.writeNumberField("width", image.width());
                g.writeNumberField("height", image.height());
                g.writeEndObject();
                lines.endLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                image.release();
            }
            return true;
        };
        try (source; lines) {
            long frames = 0;
            while (frames < max && source.nextArrivalNanos() != RecordedSource.END) {
                source.emitNext(printer);
                frames++;
            }
            lines.flush();
            CameraStats stats = source.stats();
            if (stats.decodeErrors() > 0) {
                err.println("avfusion decode video: " + stats.lastError() + " (" + stats.frames()
                        + " frames decoded, " + stats.decodeErrors() + " errors)");
                err.flush();
                return EXIT_BAD_INPUT;
            }
        }
        return 0;
    }
}
