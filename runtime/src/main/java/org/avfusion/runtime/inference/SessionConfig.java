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
 * @param allowSpinning whether ONNX Runtime's intra-op worker threads spin while waiting for work (ORT's default:
 *                      lower latency on idle cores, CPU burnt on shared ones)
 */
public record SessionConfig(Path modelPath, List<ExecutionProvider> providers, boolean fallbackToCpu,
                            int intraOpThreads, GraphOptimization optimization, boolean memoryArena, int maxBatch,
                            boolean allowSpinning) {
    /** Cores per intra-op thread of a detector that shares the machine with the pipeline ({@link #besidePipeline}). */
    public static final int CORES_PER_PIPELINE_INTRA_OP_THREAD = 4;

    /** With ORT's spinning worker threads (its default). */
    public SessionConfig(Path modelPath, List<ExecutionProvider> providers, boolean fallbackToCpu,
            int intraOpThreads, GraphOptimization optimization, boolean memoryArena, int maxBatch) {
        this(modelPath, providers, fallbackToCpu, intraOpThreads, optimization, memoryArena, maxBatch, true);
    }

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

    /**
     * As {@link #cpu}, for a model that runs inside the pipeline, beside the stage threads (align, perceive, fuse,
     * track, decide, publish) and the sources on the same cores: one intra-op thread per
     * {@value #CORES_PER_PIPELINE_INTRA_OP_THREAD} cores ({@code availableCores}, at least one; one thread runs the
     * operators on the caller's thread, with no pool at all) and no spinning. ORT's own choice (one spinning thread
     * per core) made the workers spin on cores the lidar stages needed: on the 2-core development machine the
     * KITTI sequence with YOLOX-Nano replayed with about 0.9 s less CPU and a lower perceive p50 with one thread
     * (docs/PERFORMANCE.md, "KITTI replay hot paths").
     */
    public static SessionConfig besidePipeline(Path modelPath, int availableCores) {
        if (availableCores < 1) {
            throw new IllegalArgumentException("availableCores must be >= 1, was " + availableCores);
        }
        return new SessionConfig(modelPath, List.of(ExecutionProvider.CPU), true,
                Math.max(1, availableCores / CORES_PER_PIPELINE_INTRA_OP_THREAD), GraphOptimization.ALL, true, 1,
                false);
    }
}
