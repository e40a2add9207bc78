package org.avfusion.runtime.perceive.detect;

/**
 * The output layout of a detection model, which picks its decoder. Chosen in config or on the command line
 * ({@code --layout yolox|nanodet|yolov8}).
 */
public enum DetectionLayout {
    /** YOLOX: one output {@code [1, cells, 5 + classes]} (cx, cy, log w, log h, objectness, class scores). */
    YOLOX,
    /** NanoDet GFL head: per stride class scores {@code [1, N, classes]} and side distributions {@code [1, N, 4 * bins]}. */
    NANODET,
    /** YOLOv8 / YOLO11: one output {@code [1, 4 + classes, N]} (cx, cy, w, h, class scores), no objectness. */
    YOLOV8;

    /** Parses {@code yolox}, {@code nanodet} or {@code yolov8} (case-insensitive), naming the choices when wrong. */
    public static DetectionLayout parse(String text) {
        for (DetectionLayout layout : values()) {
            if (layout.name().equalsIgnoreCase(text.trim())) {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown detection layout '" + text + "': write yolox, nanodet or yolov8");
    }
}
