/**
 * ONNX Runtime plumbing: {@link org.avfusion.runtime.inference.InferenceSession} (execution provider with an ordered
 * fallback to CPU, threads, graph optimisation, memory arena, input and output tensors allocated once over direct
 * buffers) and {@link org.avfusion.runtime.inference.CameraDetector}, which feeds camera frames through OpenCV
 * preprocessing and a session into the pure decoders of {@code runtime.perceive.detect}. The only package that may
 * import {@code ai.onnxruntime}; depends on the frame model, OpenCV (JavaCV) and {@code perceive.detect}.
 */
package org.avfusion.runtime.inference;
