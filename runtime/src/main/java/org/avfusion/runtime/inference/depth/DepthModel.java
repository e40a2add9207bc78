package org.avfusion.runtime.inference.depth;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.avfusion.runtime.inference.ExecutionProvider;
import org.avfusion.runtime.inference.InferenceSession;
import org.avfusion.runtime.inference.ModelLoadException;
import org.avfusion.runtime.inference.SessionConfig;

/**
 * A monocular depth model (MiDaS / DPT / Depth-Anything style): input {@code [1, 3, H, W]} float (the caller writes
 * the image, CHW, normalised as the model was trained), output {@code [1, H, W]} or {@code [1, 1, H, W]} relative
 * inverse depth (larger = nearer, unknown scale and shift; {@code perceive.depth.DepthScaleFit} makes it metric).
 *
 * <p>Start-up ({@link #open}) fails with a {@link ModelLoadException} naming the file when the model has not exactly
 * one output of that shape. Buffers belong to the session and are allocated once: {@link #input()} is valid until
 * {@link #close()}, {@link #copyInverseDepth} copies the last run's output into a caller-owned array. Threading: one
 * thread at a time.
 */
public final class DepthModel implements AutoCloseable {
    private final InferenceSession session;
    private final int heightPixels;
    private final int widthPixels;
    private final FloatBuffer output;

    private DepthModel(InferenceSession session, int heightPixels, int widthPixels) {
        this.session = session;
        this.heightPixels = heightPixels;
        this.widthPixels = widthPixels;
        this.output = session.output(0, 0);
    }

    /**
     * Opens a depth model for {@code widthPixels x heightPixels} input.
     *
     * @throws ModelLoadException the file is missing or invalid, or its input or output shape does not fit
     */
    public static DepthModel open(SessionConfig config, int heightPixels, int widthPixels) {
        InferenceSession session = InferenceSession.open(config, 3, heightPixels, widthPixels);
        try {
            if (session.outputCount() != 1) {
                throw new ModelLoadException(session.modelPath(), "depth model " + session.modelPath() + " has "
                        + session.outputCount() + " outputs; one [1,H,W] or [1,1,H,W] inverse-depth output is expected");
            }
            long[] shape = session.outputShape(0);
            boolean fits = (shape.length == 3 && shape[1] == heightPixels && shape[2] == widthPixels)
                    || (shape.length == 4 && shape[1] == 1 && shape[2] == heightPixels && shape[3] == widthPixels);
            if (!fits) {
                throw new ModelLoadException(session.modelPath(), "depth model " + session.modelPath() + " output '"
                        + session.outputName(0) + "' is " + Arrays.toString(shape) + "; expected [1, " + heightPixels
                        + ", " + widthPixels + "] or [1, 1, " + heightPixels + ", " + widthPixels
                        + "]: export the model at the configured input size, without resizing its output");
            }
            return new DepthModel(session, heightPixels, widthPixels);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The input of one frame, {@code 3 x H x W} floats, CHW; write with absolute puts before {@link #run()}. */
    public FloatBuffer input() {
        return session.input();
    }

    /** Runs the model on the current input. */
    public void run() {
        session.run(1);
    }

    /**
     * Copies the last run's inverse depth ({@code H x W}, row-major) into {@code out}; allocates nothing.
     *
     * @return the number of floats copied ({@code H * W})
     */
    public int copyInverseDepth(float[] out) {
        int n = heightPixels * widthPixels;
        if (out.length < n) {
            throw new IllegalArgumentException("output array of " + out.length + " floats cannot hold " + widthPixels
                    + "x" + heightPixels);
        }
        output.get(0, out, 0, n);
        return n;
    }

    public int heightPixels() {
        return heightPixels;
    }

    public int widthPixels() {
        return widthPixels;
    }

    /** The execution provider the model runs on after any fallback. */
    public ExecutionProvider provider() {
        return session.provider();
    }

    @Override
    public void close() {
        session.close();
    }
}
