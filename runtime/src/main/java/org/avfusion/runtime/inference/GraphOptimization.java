package org.avfusion.runtime.inference;

/** ONNX Runtime graph optimisation level ({@code GraphOptimizationLevel}); {@link #ALL} is ORT's default. */
public enum GraphOptimization {
    DISABLED,
    BASIC,
    EXTENDED,
    ALL
}
