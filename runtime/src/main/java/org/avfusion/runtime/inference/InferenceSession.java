package org.avfusion.runtime.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session for an image model with a single float input {@code [batch, channels, height, width]}
 * and float outputs whose shapes are fixed apart from the batch dimension.
 *
 * <p>Start-up ({@link #open}) does everything that can fail: it checks the file, tries the configured execution
 * providers in order and falls back to CPU with a logged reason (or fails when fallback is off), and checks the
 * model's input against the configured channels and size. Every error is a {@link ModelLoadException} naming the
 * file and the fix; nothing is downloaded.
 *
 * <p>Buffers: the input and every output are direct, native-order float buffers allocated once for
 * {@link #batchCapacity()} frames, wrapped once in ORT tensors (the input without a copy, the outputs pinned, so ORT
 * writes straight into them). A model whose batch dimension is fixed at 1 has a capacity of 1: callers then run one
 * frame per call. {@link #run(int)} allocates no float arrays; ORT's own per-run bookkeeping (a small result
 * object) remains.
 *
 * <p>Threading: one thread at a time calls {@link #run}; buffers are valid until the next run or {@link #close()}.
 */
public final class InferenceSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceSession.class);
    /**
     * What the session log said already, per model file and message: a paced replay opens its model for each pass of
     * its rehearsal and again for the replay (and `fleet-replay` once per drive); the provider a model runs on, or why
     * a provider was refused, is said once per process at INFO / WARN, and again only at DEBUG.
     */
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private final Path modelPath;
    private final OrtSession session;
    private final ExecutionProvider provider;
    private final int batchCapacity;
    private final int inputFloatsPerFrame;
    private final FloatBuffer input;
    private final String[] outputNames;
    private final long[][] outputShapes;
    private final int[] outputFloatsPerFrame;
    private final FloatBuffer[] outputs;
    private final FloatBuffer[][] outputViews;
    private final List<Map<String, OnnxTensor>> inputsByFrames = new ArrayList<>();
    private final List<Map<String, OnnxTensor>> outputsByFrames = new ArrayList<>();

    private InferenceSession(Path modelPath, OrtSession session, ExecutionProvider provider, int channels,
                             int heightPixels, int widthPixels, int maxBatch) throws OrtException {
        this.modelPath = modelPath;
        this.session = session;
        this.provider = provider;
        Map<String, NodeInfo> inputInfo = session.getInputInfo();
        if (inputInfo.size() != 1) {
            throw new ModelLoadException(modelPath, "model " + modelPath + " has " + inputInfo.size()
                    + " inputs " + inputInfo.keySet() + "; an image model with exactly one input is expected");
        }
        Map.Entry<String, NodeInfo> in = inputInfo.entrySet().iterator().next();
        long[] shape = tensorShape(in.getKey(), in.getValue());
        long[] want = {1, channels, heightPixels, widthPixels};
        if (shape.length != 4 || !dimFits(shape[1], channels) || !dimFits(shape[2], heightPixels)
                || !dimFits(shape[3], widthPixels)) {
            throw new ModelLoadException(modelPath, "model " + modelPath + " expects input '" + in.getKey() + "' "
                    + Arrays.toString(shape) + " but the configuration gives " + Arrays.toString(want)
                    + " (channels, height, width): set the configured input size to the model's, or export the model "
                    + "at " + widthPixels + "x" + heightPixels);
        }
        batchCapacity = shape[0] < 0 ? maxBatch : 1;
        if (shape[0] > 1) {
            throw new ModelLoadException(modelPath, "model " + modelPath + " has a fixed batch of " + shape[0]
                    + "; export it with batch 1 or a dynamic batch dimension");
        }
        inputFloatsPerFrame = channels * heightPixels * widthPixels;
        input = floats((long) inputFloatsPerFrame * batchCapacity);

        Map<String, NodeInfo> outputInfo = session.getOutputInfo();
        int n = outputInfo.size();
        outputNames = new String[n];
        outputShapes = new long[n][];
        outputFloatsPerFrame = new int[n];
        outputs = new FloatBuffer[n];
        int k = 0;
        for (Map.Entry<String, NodeInfo> e : outputInfo.entrySet()) {
            long[] s = tensorShape(e.getKey(), e.getValue());
            long per = 1;
            for (int d = 1; d < s.length; d++) {
                if (s[d] < 1) {
                    throw new ModelLoadException(modelPath, "model " + modelPath + " output '" + e.getKey() + "' has "
                            + "a dynamic dimension " + d + " in " + Arrays.toString(s) + "; only the batch dimension "
                            + "may be dynamic");
                }
                per *= s[d];
            }
            if (s.length == 0 || per > Integer.MAX_VALUE / Math.max(1, batchCapacity)) {
                throw new ModelLoadException(modelPath, "model " + modelPath + " output '" + e.getKey()
                        + "' has an unusable shape " + Arrays.toString(s));
            }
            outputNames[k] = e.getKey();
            s[0] = 1;
            outputShapes[k] = s;
            outputFloatsPerFrame[k] = (int) per;
            outputs[k] = floats(per * batchCapacity);
            k++;
        }
        outputViews = new FloatBuffer[batchCapacity][n];
        for (int slot = 0; slot < batchCapacity; slot++) {
            for (int o = 0; o < n; o++) {
                outputViews[slot][o] = outputs[o].duplicate().position(slot * outputFloatsPerFrame[o])
                        .limit((slot + 1) * outputFloatsPerFrame[o]).slice();
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (int frames = 1; frames <= batchCapacity; frames++) {
            FloatBuffer inSlice = input.duplicate().limit(frames * inputFloatsPerFrame).slice();
            inputsByFrames.add(Map.of(in.getKey(), OnnxTensor.createTensor(env, inSlice,
                    new long[]{frames, channels, heightPixels, widthPixels})));
            Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
            for (int o = 0; o < n; o++) {
                long[] s = outputShapes[o].clone();
                s[0] = frames;
                pinned.put(outputNames[o], OnnxTensor.createTensor(env,
                        outputs[o].duplicate().limit(frames * outputFloatsPerFrame[o]).slice(), s));
            }
            outputsByFrames.add(Map.copyOf(pinned));
        }
    }

    /** Whether this process has not yet logged {@code what} for {@code model} (and now has). */
    private static boolean firstTime(Path model, String what) {
        return SAID.add(model.toAbsolutePath().normalize() + ": " + what);
    }

    /**
     * Opens {@code config.modelPath()} for an input of {@code channels x heightPixels x widthPixels}.
     *
     * @throws ModelLoadException the file is missing or corrupt, the shapes do not fit, or no provider starts
     */
    public static InferenceSession open(SessionConfig config, int channels, int heightPixels, int widthPixels) {
        Path model = config.modelPath();
        if (!Files.isRegularFile(model)) {
            String what = Files.isDirectory(model) ? "model is a folder, not a file: " : "model file not found: ";
            throw new ModelLoadException(model, what + model.toAbsolutePath()
                    + " (give the path of an ONNX file; nothing is downloaded)");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "avfusion");
        EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
        List<String> refused = new ArrayList<>();
        for (ExecutionProvider wanted : config.providers()) {
            if (wanted != ExecutionProvider.CPU && !available.contains(ortProvider(wanted))) {
                String why = wanted.name().toLowerCase() + ": this ONNX Runtime build offers only " + available
                        + " (the GPU build is -Pgpu, and needs the NVIDIA driver and libraries)";
                refused.add(why);
                if (firstTime(model, "unavailable " + wanted)) {
                    LOG.warn("model {}: execution provider {} unavailable: {}", model.getFileName(), wanted, why);
                } else {
                    LOG.debug("model {}: execution provider {} unavailable: {}", model.getFileName(), wanted, why);
                }
                continue;
            }
            try {
                OrtSession session = create(env, config, wanted);
                if (firstTime(model, "running on " + wanted)) {
                    LOG.info("model {}: running on {}", model.getFileName(), wanted);
                } else {
                    LOG.debug("model {}: running on {}", model.getFileName(), wanted);
                }
                return wrap(model, session, wanted, channels, heightPixels, widthPixels, config.maxBatch());
            } catch (OrtException | UnsatisfiedLinkError e) {
                if (wanted == ExecutionProvider.CPU) {
                    throw loadFailure(model, e);
                }
                String why = wanted.name().toLowerCase() + ": " + e.getMessage();
                refused.add(why);
                if (firstTime(model, "failed " + wanted)) {
                    LOG.warn("model {}: execution provider {} failed to start: {}", model.getFileName(), wanted,
                            e.getMessage());
                } else {
                    LOG.debug("model {}: execution provider {} failed to start: {}", model.getFileName(), wanted,
                            e.getMessage());
                }
            }
        }
        if (!config.fallbackToCpu()) {
            throw new ModelLoadException(model, "no configured execution provider could run " + model + ": "
                    + String.join("; ", refused) + ". Enable the CPU fallback or add cpu to the providers");
        }
        if (firstTime(model, "fallback")) {
            LOG.warn("model {}: falling back to CPU because {}", model.getFileName(), String.join("; ", refused));
        } else {
            LOG.debug("model {}: falling back to CPU because {}", model.getFileName(), String.join("; ", refused));
        }
        try {
            return wrap(model, create(env, config, ExecutionProvider.CPU), ExecutionProvider.CPU, channels,
                    heightPixels, widthPixels, config.maxBatch());
        } catch (OrtException e) {
            throw loadFailure(model, e);
        }
    }

    private static InferenceSession wrap(Path model, OrtSession session, ExecutionProvider provider, int channels,
                                         int height, int width, int maxBatch) throws OrtException {
        try {
            return new InferenceSession(model, session, provider, channels, height, width, maxBatch);
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
    }

    private static ModelLoadException loadFailure(Path model, Throwable e) {
        return new ModelLoadException(model, "cannot load model " + model + ": " + e.getMessage()
                + " (is it a valid ONNX file? re-export or re-copy it)", e);
    }

    private static OrtSession create(OrtEnvironment env, SessionConfig config, ExecutionProvider provider)
            throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            options.setIntraOpNumThreads(config.intraOpThreads());
            if (!config.allowSpinning()) {
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            options.setOptimizationLevel(switch (config.optimization()) {
                case DISABLED -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            });
            options.setCPUArenaAllocator(config.memoryArena());
            switch (provider) {
                case TENSORRT -> options.addTensorrt(0);
                case CUDA -> options.addCUDA(0);
                case CPU -> { }
            }
            return env.createSession(config.modelPath().toString(), options);
        }
    }

    private static OrtProvider ortProvider(ExecutionProvider p) {
        return switch (p) {
            case CPU -> OrtProvider.CPU;
            case CUDA -> OrtProvider.CUDA;
            case TENSORRT -> OrtProvider.TENSOR_RT;
        };
    }

    private long[] tensorShape(String name, NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new ModelLoadException(modelPath, "model " + modelPath + " value '" + name + "' is " + info.getInfo()
                    + "; float32 tensors are expected");
        }
        return t.getShape();
    }

    private static boolean dimFits(long modelDim, int configured) {
        return modelDim < 0 || modelDim == configured;
    }

    private static FloatBuffer floats(long count) {
        return ByteBuffer.allocateDirect(Math.toIntExact(count * Float.BYTES)).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    /** Runs the model on the first {@code frames} input slots; outputs land in {@link #output(int, int)}. */
    public void run(int frames) {
        if (frames < 1 || frames > batchCapacity) {
            throw new IllegalArgumentException("frames must be in [1, " + batchCapacity + "], was " + frames);
        }
        try (OrtSession.Result ignored = session.run(inputsByFrames.get(frames - 1), outputsByFrames.get(frames - 1))) {
            // outputs are pinned: ORT wrote them into our buffers, the result owns nothing
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed on " + modelPath + ": " + e.getMessage(), e);
        }
    }

    /** The whole input buffer: {@link #batchCapacity()} frames of {@link #inputFloatsPerFrame()} floats, CHW each. */
    public FloatBuffer input() {
        return input;
    }

    public int inputFloatsPerFrame() {
        return inputFloatsPerFrame;
    }

    /** Frames one {@link #run} takes: 1 for a fixed-batch model, {@code maxBatch} for a dynamic one. */
    public int batchCapacity() {
        return batchCapacity;
    }

    /** The provider the session actually runs on (after any fallback). */
    public ExecutionProvider provider() {
        return provider;
    }

    public Path modelPath() {
        return modelPath;
    }

    public int outputCount() {
        return outputNames.length;
    }

    public String outputName(int k) {
        return outputNames[k];
    }

    /** Output {@code k}'s shape for one frame (batch dimension 1); a copy. */
    public long[] outputShape(int k) {
        return outputShapes[k].clone();
    }

    public int outputFloatsPerFrame(int k) {
        return outputFloatsPerFrame[k];
    }

    /** Frame {@code slot}'s part of output {@code k} (a view made once; read with absolute gets). */
    public FloatBuffer output(int slot, int k) {
        return outputViews[slot][k];
    }

    @Override
    public void close() {
        for (List<Map<String, OnnxTensor>> maps : List.of(inputsByFrames, outputsByFrames)) {
            for (Map<String, OnnxTensor> m : maps) {
                m.values().forEach(OnnxTensor::close);
            }
        }
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("closing the session of {}: {}", modelPath, e.getMessage());
        }
    }
}
