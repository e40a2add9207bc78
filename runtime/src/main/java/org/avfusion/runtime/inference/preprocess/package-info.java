/**
 * OpenCV image preprocessing for the detection models: letterbox resize and pad of a BGR frame straight into the
 * planar float input buffer of an inference session, with the pad value and per-channel normalisation a model was
 * trained with. Plumbing around native OpenCV (JavaCV); the letterbox geometry itself is
 * {@code perceive.detect.Letterbox}. Depends on OpenCV and {@code perceive.detect} only (no ONNX Runtime).
 */
package org.avfusion.runtime.inference.preprocess;
