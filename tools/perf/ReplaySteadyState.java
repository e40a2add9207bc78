import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.avfusion.drivers.source.ReplayPacer;
import org.avfusion.runtime.config.ConfigLoader;
import org.avfusion.runtime.config.RuntimeConfig;
import org.avfusion.runtime.perceive.detect.DetectionLayout;
import org.avfusion.runtime.inference.DetectorConfig;
import org.avfusion.runtime.output.DecisionListener;
import org.avfusion.runtime.pipeline.ReplayJob;
import org.avfusion.runtime.replay.Replay;
import org.avfusion.runtime.replay.ReplayInput;

/**
 * A recording replayed as fast as possible RUNS times in one JVM: run 1 is what {@code avfusion replay --speed max}
 * gives in a fresh JVM (JIT compilation included), the later runs the pipeline's steady pace once the JIT is done.
 * Per run: the summary's wall seconds (first frame to last decision), frames/s, real-time factor, and the process's
 * CPU seconds over the run (all threads, JIT compiler threads included). Single-file program against any build's jar:
 * {@code java -cp runtime/target/avfusion.jar tools/perf/ReplaySteadyState.java RECORDING RUNS CONFIG.yaml [MODEL.onnx]}
 */
public class ReplaySteadyState {
    public static void main(String[] args) {
        Path recording = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        RuntimeConfig profile = new ConfigLoader().load(Path.of(args[2]));
        DetectorConfig detection = args.length > 3
                ? DetectorConfig.forModel(Path.of(args[3]), DetectionLayout.parse("yolox")) : null;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 1; i <= runs; i++) {
            ReplayJob.Options options = new ReplayJob.Options(ReplayPacer.AS_FAST_AS_POSSIBLE, Long.MAX_VALUE, null,
                    null, java.util.function.UnaryOperator.identity(), DecisionListener.NONE, detection);
            long cpu0 = os.getProcessCpuTime();
            ReplayJob.Result r = Replay.run(ReplayInput.recording(recording), profile, options, null);
            long cpu1 = os.getProcessCpuTime();
            System.out.printf(Locale.ROOT, "run %d: %d frames, wall %.3f s, %.1f frames/s, real-time factor %.2f, "
                    + "process CPU %.2f s, dropped %d%n", i, r.frames(), r.wallSeconds(), r.framesPerSecond(),
                    r.realTimeFactor(), (cpu1 - cpu0) / 1e9, r.droppedFrames());
        }
        System.exit(0);
    }
}
