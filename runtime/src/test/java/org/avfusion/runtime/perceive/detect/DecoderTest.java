package org.avfusion.runtime.perceive.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** Decoders on synthetic tensors whose boxes are known by construction. */
class DecoderTest {
    private static final Letterbox IDENTITY_416 = Letterbox.fit(416, 416, 416, 416, LetterboxAnchor.TOP_LEFT);

    @Test
    void yoloxDecodesCellOffsetsAndLogSizesAtEachStride() {
        YoloxDecoder decoder = new YoloxDecoder(416, 416, 80, 8, 16, 32);
        assertEquals(3549, decoder.cells());
        float[] out = new float[3549 * 85];
        // stride 16 block starts after 52*52 cells; cell (x=3, y=2) of the 26x26 grid
        int cell = 52 * 52 + 2 * 26 + 3;
        int b = cell * 85;
        out[b] = 0.5f;                      // cx = (0.5 + 3) * 16 = 56
        out[b + 1] = 0.25f;                 // cy = (0.25 + 2) * 16 = 36
        out[b + 2] = (float) Math.log(2);   // w = 2 * 16 = 32
        out[b + 3] = (float) Math.log(4);   // h = 4 * 16 = 64
        out[b + 4] = 0.9f;                  // objectness
        out[b + 5 + 2] = 0.8f;              // car
        DetectionList list = new DetectionList(10);
        decoder.decode(new FloatBuffer[]{FloatBuffer.wrap(out)}, IDENTITY_416, 0.3f, list);
        assertEquals(1, list.size());
        assertEquals(40f, list.x1(0), 1e-3);
        assertEquals(4f, list.y1(0), 1e-3);
        assertEquals(72f, list.x2(0), 1e-3);
        assertEquals(68f, list.y2(0), 1e-3);
        assertEquals(0.72f, list.score(0), 1e-5);
        assertEquals(2, list.cocoClass(0));
        assertEquals(DrivingClass.VEHICLE, list.drivingClass(0));
    }

    @Test
    void yoloxDropsCellsBelowTheScoreThresholdAndMapsThroughTheLetterbox() {
        YoloxDecoder decoder = new YoloxDecoder(416, 416, 80, 8, 16, 32);
        float[] out = new float[3549 * 85];
        out[4] = 0.5f;
        out[5] = 0.5f; // score 0.25 < 0.3
        int b = 85;   // cell (1, 0) at stride 8: cx = 8, cy = 0, w = h = 8
        out[b + 4] = 1f;
        out[b + 5] = 1f;
        DetectionList list = new DetectionList(10);
        Letterbox half = Letterbox.fit(832, 416, 416, 416, LetterboxAnchor.TOP_LEFT); // scale 0.5
        decoder.decode(new FloatBuffer[]{FloatBuffer.wrap(out)}, half, 0.3f, list);
        assertEquals(1, list.size());
        assertEquals(8f, list.x1(0), 1e-3);  // (8 - 4) / 0.5
        assertEquals(0f, list.y1(0), 1e-3);  // clipped at the top
        assertEquals(24f, list.x2(0), 1e-3); // (8 + 4) / 0.5
        assertEquals(8f, list.y2(0), 1e-3);
    }

    @Test
    void nanoDetTakesTheSoftmaxExpectationOfEachSideTimesTheStride() {
        NanoDetGflDecoder decoder = new NanoDetGflDecoder(320, 320, 80, 8, 8, 16, 32);
        float[][] outs = new float[6][];
        int[] cells = {1600, 400, 100};
        for (int k = 0; k < 3; k++) {
            outs[k] = new float[cells[k] * 80];
            outs[3 + k] = new float[cells[k] * 32];
        }
        // stride 32, cell (x=2, y=1): centre (2 * 32 + 15.5, 1 * 32 + 15.5) = (79.5, 47.5)
        int cell = 1 * 10 + 2;
        outs[2][cell * 80] = 0.9f; // person
        float[] dis = outs[5];
        int d = cell * 32;
        dis[d + 1] = 20f;          // left: all mass on bin 1 -> 1 * 32
        dis[d + 8 + 2] = 20f;      // top: bin 2 -> 64
        for (int k = 2; k < 8; k++) {
            dis[d + 16 + k] = -30f; // right: bins 0 and 1 equally (0 each), the rest nil -> 0.5 -> 16
        }
        for (int k = 0; k < 8; k++) {
            dis[d + 24 + k] = -3f; // bottom: uniform -> 3.5 -> 112
        }
        FloatBuffer[] buffers = new FloatBuffer[6];
        for (int k = 0; k < 6; k++) {
            buffers[k] = FloatBuffer.wrap(outs[k]);
            assertEquals(outs[k].length, decoder.outputElements(k));
        }
        DetectionList list = new DetectionList(10);
        decoder.decode(buffers, Letterbox.fit(320, 320, 320, 320, LetterboxAnchor.TOP_LEFT), 0.5f, list);
        assertEquals(1, list.size());
        assertEquals(79.5f - 32f, list.x1(0), 1e-2);
        assertEquals(0f, list.y1(0), 1e-2); // 47.5 - 64 clipped
        assertEquals(79.5f + 16f, list.x2(0), 1e-2);
        assertEquals(47.5f + 112f, list.y2(0), 1e-2);
        assertEquals(0.9f, list.score(0), 1e-6);
        assertEquals(DrivingClass.PEDESTRIAN, list.drivingClass(0));
    }

    @Test
    void yolov8ReadsChannelMajorBoxesWithoutObjectness() {
        int anchors = Yolov8Decoder.anchorsFor(640, 640);
        assertEquals(8400, anchors);
        Yolov8Decoder decoder = new Yolov8Decoder(80, anchors);
        float[] out = new float[84 * anchors];
        int j = 1234;
        out[j] = 320f;                        // cx
        out[anchors + j] = 200f;              // cy
        out[2 * anchors + j] = 100f;          // w
        out[3 * anchors + j] = 50f;           // h
        out[(4 + 11) * anchors + j] = 0.66f;  // stop sign
        out[(4 + 9) * anchors + j] = 0.20f;   // traffic light, weaker
        out[(4 + 0) * anchors + 77] = 0.29f;  // below threshold
        DetectionList list = new DetectionList(10);
        // a 1280 x 720 frame centred in 640 x 640: scale 0.5, pad top 140
        Letterbox lb = Letterbox.fit(1280, 720, 640, 640, LetterboxAnchor.CENTER);
        assertEquals(140, lb.padTop());
        decoder.decode(new FloatBuffer[]{FloatBuffer.wrap(out)}, lb, 0.3f, list);
        assertEquals(1, list.size());
        assertEquals(11, list.cocoClass(0));
        assertEquals(DrivingClass.STOP_SIGN, list.drivingClass(0));
        assertEquals(540f, list.x1(0), 1e-3);  // (320 - 50) / 0.5
        assertEquals(70f, list.y1(0), 1e-3);   // (200 - 25 - 140) / 0.5
        assertEquals(740f, list.x2(0), 1e-3);
        assertEquals(170f, list.y2(0), 1e-3);
        assertEquals(0.66f, list.score(0), 1e-6);
    }

    @Test
    void strideThatDoesNotDivideTheInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new YoloxDecoder(420, 416, 80, 8, 16, 32));
        assertEquals("stride 8 must divide the input 420x416", e.getMessage());
    }
}
