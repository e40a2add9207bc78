/**
 * The ONNX-facing half of monocular depth: {@link org.avfusion.runtime.inference.depth.DepthModel} runs a
 * MiDaS-style model ({@code [1,3,H,W]} image in, {@code [1,H,W]} or {@code [1,1,H,W]} relative inverse depth out)
 * through {@link org.avfusion.runtime.inference.InferenceSession}. Scaling to metres and per-detection depth are the
 * pure algorithms of {@code runtime.perceive.depth}; depends on {@code runtime.inference} only.
 */
package org.avfusion.runtime.inference.depth;
