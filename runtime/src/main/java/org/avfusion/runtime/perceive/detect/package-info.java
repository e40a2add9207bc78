/**
 * Camera detection as pure algorithms on float buffers: letterbox geometry, the YOLOX, NanoDet (GFL) and
 * YOLOv8/YOLO11 output decoders, class-aware NMS, the COCO to driving-class map, tiling geometry and the
 * preallocated {@link org.avfusion.runtime.perceive.detect.DetectionList} they write into. No ONNX Runtime, no
 * OpenCV, no file I/O and no threads here: the session and image plumbing lives in {@code runtime.inference}.
 */
package org.avfusion.runtime.perceive.detect;
