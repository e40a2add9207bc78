package org.avfusion.runtime.inference;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to open one ONNX model.
 *
 * @param modelPath the ONNX file (loaded from disk; nothing is downloaded)
 * @param providers execution providers to try, in order (e.g. {@code [TENSORRT, CUDA]}); CPU is always available
 * @param fallbackToCpu when every listed provider fails, log why and run on CPU; when false, fail at start-up
 * @param intraOpThreads threads ONNX Runtime uses inside one operator (0 lets ORT choose, one per core)
 * @param optimization graph optimisation level
 * @param memoryArena whether the CPU allocator keeps an arena (faster steady state, memory kept)
 * @param maxBatch frames per call when the model's batch dimension is dynamic (fixed-batch models ignore it)
 */
public record SessionConfig(Path modelPath, List<ExecutionProvider> providers, boolean fallbackToCpu,
                            int intraOpThreads, GraphOptimization optimization, boolean memoryArena, int maxBatch) {
    public SessionConfig {
        Objects.requireNonNull(modelPath, "modelPath");
        Objects.requireNonNull(optimization, "optimization");
        providers = List.copyOf(Objects.requireNonNull(providers, "providers"));
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("providers must name at least one execution provider (e.g. [cpu])");
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 = ORT's choice), was " + intraOpThreads);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
    }

    /** CPU only, ORT's thread choice, full optimisation, arena on, batch 1. */
    public static SessionConfig cpu(Path modelPath) {
        return new SessionConfig(modelPath, List.of(ExecutionProvider.CPU), true, 0, GraphOptimization.ALL, true, 1);
    }
}
