package org.avfusion.runtime.perceive.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Letterbox, tiling and class-map tables. */
class GeometryTest {
    @Test
    void letterboxOfAKittiFrameIntoYoloxInput() {
        Letterbox lb = Letterbox.fit(1242, 375, 416, 416, LetterboxAnchor.TOP_LEFT);
        assertEquals(416.0 / 1242, lb.scale(), 1e-12);
        assertEquals(416, lb.resizedWidth());
        assertEquals(125, lb.resizedHeight()); // int(375 * 0.33494) like YOLOX's preproc
        assertEquals(0, lb.padLeft());
        assertEquals(0, lb.padTop());
        assertEquals(1242f, lb.toSourceX(416f), 1e-3);
    }

    @Test
    void centredLetterboxSplitsThePadding() {
        Letterbox lb = Letterbox.fit(1280, 720, 640, 640, LetterboxAnchor.CENTER);
        assertEquals(640, lb.resizedWidth());
        assertEquals(360, lb.resizedHeight());
        assertEquals(140, lb.padTop());
        assertEquals(0f, lb.toSourceY(140f), 1e-4);
    }

    @Test
    void letterboxRejectsAnImpossibleGeometry() {
        assertThrows(IllegalArgumentException.class, () -> Letterbox.fit(0, 10, 416, 416, LetterboxAnchor.TOP_LEFT));
        assertThrows(IllegalArgumentException.class, () -> new Letterbox(10, 10, 416, 416, 1, 400, 400, 20, 0));
    }

    @Test
    void horizonBandTilesCoverTheWidthWithOverlapAtNativeResolution() {
        TileGrid grid = TileGrid.horizonBand(1242, 375, 416, 416, 176, 96);
        assertEquals(4, grid.count());
        assertEquals(0, grid.x(0));
        assertEquals(1242 - 416, grid.x(3));
        assertEquals(0, grid.y());           // the image is lower than a tile: the band is the whole height
        assertEquals(375, grid.height());
        for (int i = 1; i < grid.count(); i++) {
            assertTrue(grid.x(i - 1) + 416 - grid.x(i) >= 96, "overlap of tiles " + (i - 1) + " and " + i);
        }
    }

    @Test
    void bandIsCentredOnTheHorizonAndClampedIntoTheImage() {
        assertEquals(360 - 208, TileGrid.horizonBand(1280, 720, 416, 416, 360, 64).y());
        assertEquals(720 - 416, TileGrid.horizonBand(1280, 720, 416, 416, 700, 64).y());
        assertEquals(1, TileGrid.horizonBand(300, 200, 416, 416, 100, 64).count());
    }

    @Test
    void boxesCutByAnInnerTileEdgeAreFlaggedButImageEdgesAreNot() {
        TileGrid grid = TileGrid.horizonBand(1242, 375, 416, 416, 176, 96);
        int right = grid.x(0) + 416;
        assertTrue(grid.cutByInnerEdge(0, right - 30, 100, right - 1, 150, 2));
        assertFalse(grid.cutByInnerEdge(0, 0, 100, 40, 150, 2));            // the image's left edge
        assertFalse(grid.cutByInnerEdge(0, 100, 0, 140, 374, 2));           // the image's top and bottom
        assertFalse(grid.cutByInnerEdge(1, grid.x(1) + 50, 100, grid.x(1) + 90, 150, 2));
    }

    @Test
    void cocoClassesMapToDrivingClasses() {
        Object[][] table = {
            {0, "person", DrivingClass.PEDESTRIAN}, {1, "bicycle", DrivingClass.CYCLIST},
            {2, "car", DrivingClass.VEHICLE}, {3, "motorcycle", DrivingClass.CYCLIST},
            {5, "bus", DrivingClass.VEHICLE}, {7, "truck", DrivingClass.VEHICLE},
            {9, "traffic light", DrivingClass.TRAFFIC_LIGHT}, {11, "stop sign", DrivingClass.STOP_SIGN},
            {6, "train", DrivingClass.OTHER}, {16, "dog", DrivingClass.OTHER}, {79, "toothbrush", DrivingClass.OTHER},
        };
        for (Object[] row : table) {
            int index = (Integer) row[0];
            assertEquals(row[1], CocoClasses.name(index));
            assertEquals(row[2], DrivingClass.ofCoco(index), "COCO " + row[1]);
        }
        assertEquals(DrivingClass.OTHER, DrivingClass.ofCoco(80));
        assertEquals("class_80", CocoClasses.name(80));
    }

    @Test
    void layoutParsingNamesTheChoices() {
        assertEquals(DetectionLayout.NANODET, DetectionLayout.parse("NanoDet"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DetectionLayout.parse("ssd"));
        assertTrue(e.getMessage().contains("yolox, nanodet or yolov8"), e.getMessage());
    }
}
