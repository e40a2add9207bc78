package org.avfusion.runtime.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avfusion.runtime.output.record.McapFileSink;
import org.avfusion.runtime.output.record.RecordConfig;
import org.avfusion.runtime.output.record.RecordedDrives;
import org.avfusion.runtime.render.BevRenderer;
import org.avfusion.runtime.render.BevScene;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avfusion render} on the recorded pedestrian-crossing drive: one video frame per decision, decoded back with
 * FFmpeg; the banner is STOP-red exactly in the frames of STOP decisions and PROCEED-green before the pedestrian, and
 * the pedestrian's obstacle is drawn orange where the renderer projects it, in the frame of its decision.
 */
class RenderCommandTest {
    @TempDir
    static Path dir;
    static Path video;
    static List<BevScene> scenes = new ArrayList<>();
    static List<BufferedImage> frames = new ArrayList<>();
    static final BevRenderer GEOMETRY = new BevRenderer(800, 800, 0.1);

    @BeforeAll
    static void recordAndRender() throws Exception {
        Path recording = dir.resolve("pedestrian.mcap");
        RecordedDrives.simulate("pedestrian-crossing", Long.MAX_VALUE,
                List.of(McapFileSink.file(recording, RecordConfig.defaults().withMinFreeBytes(0))));
        video = dir.resolve("bev.mp4");
        StringWriter out = new StringWriter();
        assertEquals(0, RenderCommand.render(recording, video, 50, 800, 10, new PrintWriter(out)));
        RecordingScenes.read(recording, scenes::add);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame f;
            while ((f = grabber.grabImage()) != null) {
                BufferedImage copy = new BufferedImage(f.imageWidth, f.imageHeight, BufferedImage.TYPE_3BYTE_BGR);
                copy.getGraphics().drawImage(converter.convert(f), 0, 0, null);
                frames.add(copy);
            }
            grabber.stop();
        }
    }

    private static boolean near(Color expected, int rgb, int tolerance) {
        Color c = new Color(rgb);
        return Math.abs(c.getRed() - expected.getRed()) <= tolerance
                && Math.abs(c.getGreen() - expected.getGreen()) <= tolerance
                && Math.abs(c.getBlue() - expected.getBlue()) <= tolerance;
    }

    @Test
    void oneFramePerDecisionAndPngsEveryFifty() throws Exception {
        assertTrue(scenes.size() > 100, "scenes: " + scenes.size());
        assertEquals(scenes.size(), frames.size(), "video frames");
        assertTrue(Files.isRegularFile(dir.resolve("bev-000000.png")));
        assertTrue(Files.isRegularFile(dir.resolve("bev-000050.png")));
    }

    @Test
    void theBannerIsRedExactlyWhenTheDecisionIsStop() {
        int stops = 0;
        for (int i = 0; i < scenes.size(); i++) {
            String kind = scenes.get(i).decisionKind();
            int pixel = frames.get(i).getRGB(780, 10);
            assertTrue(near(BevRenderer.bannerColor(kind), pixel, 40),
                    "frame " + i + " (" + kind + "): banner " + new Color(pixel));
            stops += kind.equals("STOP") ? 1 : 0;
        }
        assertTrue(stops > 0, "the drive stops for the pedestrian");
        assertEquals("PROCEED", scenes.get(0).decisionKind(), "the drive starts clear");
    }

    @Test
    void thePedestrianIsDrawnWhereAndWhenItsDecisionSaysStop() {
        int checked = 0;
        for (int i = 0; i < scenes.size(); i++) {
            BevScene s = scenes.get(i);
            if (!s.decisionKind().equals("STOP") || !s.reason().contains("OBSTACLE")) {
                continue;
            }
            for (BevScene.Box b : s.obstacles()) {
                int x = (int) Math.round(GEOMETRY.toPixelX(b.xMeters(), b.yMeters()));
                int y = (int) Math.round(GEOMETRY.toPixelY(b.xMeters(), b.yMeters()));
                boolean inInset = x > 800 * 3 / 5 - 16 && y < 380;
                if (x < 5 || x > 795 || y < 70 || y > 795 || inInset || b.lengthMeters() < 0.4
                        || b.widthMeters() < 0.4) {
                    continue;
                }
                int pixel = frames.get(i).getRGB(x, y);
                // the obstacle's orange, or the cyan of the track drawn over it (blurred together by the codec)
                Color blend = new Color((BevRenderer.OBSTACLE.getRed() + BevRenderer.TRACK.getRed()) / 2,
                        (BevRenderer.OBSTACLE.getGreen() + BevRenderer.TRACK.getGreen()) / 2,
                        (BevRenderer.OBSTACLE.getBlue() + BevRenderer.TRACK.getBlue()) / 2);
                boolean drawn = near(BevRenderer.OBSTACLE, pixel, 60) || near(BevRenderer.TRACK, pixel, 60)
                        || near(blend, pixel, 60);
                assertTrue(drawn, "frame " + i + ": obstacle at (" + b.xMeters()
                        + ", " + b.yMeters() + ") m = pixel (" + x + ", " + y + ") is " + new Color(pixel));
                checked++;
            }
        }
        assertTrue(checked > 5, "obstacles checked in STOP frames: " + checked);
        assertNotNull(video);
    }
}
