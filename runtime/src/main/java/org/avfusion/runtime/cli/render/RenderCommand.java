package org.avfusion.runtime.cli.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.avfusion.calibration.yaml.Bounds;
import org.avfusion.runtime.config.ConfigException;
import org.avfusion.runtime.render.BevRenderer;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code avfusion render FILE.mcap --out bev.mp4 [--png-every N]}: a bird's-eye-view video, one frame per decision. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render an avfusion recording (replay/run --record) as a bird's-eye-view video: grid, obstacles, "
                + "tracks, corridor, decision banner and camera inset, one frame per decision (MPEG-4 in MP4).")
public final class RenderCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.mcap", description = "A recording made with --record.")
    Path file;

    @Option(names = "--out", paramLabel = "FILE.mp4", required = true, description = "The video to write.")
    Path out;

    @Option(names = "--png-every", paramLabel = "N",
            description = "Also write every N-th frame as PNG next to the video (OUT-NNNNNN.png).")
    Integer pngEvery;

    @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "800",
            description = "Frame width and height (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--fps", paramLabel = "HZ", defaultValue = "10", description = "Frame rate (default ${DEFAULT-VALUE}).")
    double fps;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter console = spec.commandLine().getOut();
        int code = render(file, out, pngEvery == null ? 0 : pngEvery, size, fps, console);
        console.flush();
        return code;
    }

    /**
     * Renders {@code file} into {@code video}.
     *
     * @param pngEvery write every N-th frame as PNG too; 0 for none
     * @return 0
     * @throws ConfigException naming the file when it cannot be read or written
     */
    public static int render(Path file, Path video, int pngEvery, int size, double fps, java.io.PrintWriter console)
            throws IOException {
        Bounds.requireInRange("--png-every", pngEvery, 0, 1_000_000, "frames");
        Bounds.requireInRange("--size", size, 64, 4096, "pixels");
        Bounds.requireInRange("--fps", fps, 0.1, 240, "Hz");
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("render: " + file + " is not a file");
        }
        Path parent = video.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ConfigException("render: --out " + video + ": no directory " + parent);
        }
        BevRenderer renderer = new BevRenderer(size - size % 2, size - size % 2, 0.1 * 800 / size);
        String stem = video.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        long[] frames = {0};
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(video.toFile(), renderer.width(),
                renderer.height(), 0); Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setVideoQuality(2);
            recorder.start();
            long scenes = RecordingScenes.read(file, scene -> {
                BufferedImage image = renderer.render(scene);
                try {
                    recorder.record(converter.convert(image));
                    if (pngEvery > 0 && frames[0] % pngEvery == 0) {
                        ImageIO.write(image, "png", parent.resolve(String.format("%s-%06d.png", stem, frames[0]))
                                .toFile());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                frames[0]++;
            });
            recorder.stop();
            console.println("avfusion render: " + scenes + " frames of " + file.getFileName() + " -> " + video);
        } catch (org.avfusion.drivers.recorded.mcap.McapFormatException e) {
            throw new ConfigException("render: " + e.getMessage());
        }
        return 0;
    }
}
