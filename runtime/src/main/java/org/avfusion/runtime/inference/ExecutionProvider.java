package org.avfusion.runtime.inference;

/** Where ONNX Runtime executes a model. CUDA and TensorRT need the {@code -Pgpu} build and an NVIDIA driver. */
public enum ExecutionProvider {
    CPU,
    CUDA,
    TENSORRT;

    /** Parses {@code cpu}, {@code cuda} or {@code tensorrt} (case-insensitive), naming the choices when wrong. */
    public static ExecutionProvider parse(String text) {
        for (ExecutionProvider p : values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown execution provider '" + text + "': write cpu, cuda or tensorrt");
    }
}
