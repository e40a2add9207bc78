package org.avfusion.runtime.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.EventHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.avfusion.runtime.health.FatalErrors;
import org.junit.jupiter.api.Test;

/**
 * A stage that runs out of memory ends the process with status 70 and a line naming the stage, instead of being
 * counted like a bad frame while the replay hangs (found: a KITTI replay with a 96 MB heap hung ten minutes). Runs
 * the ring in a child JVM, since the error halts it; a stack overflow is counted and the ring goes on.
 */
class FatalStageErrorTest {

    /** The child: one stage that throws what it is told on the first tick, then the main thread waits a minute. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Throwable error = switch (args[0]) {
                case "oom" -> new OutOfMemoryError("Java heap space (thrown by the test)");
                case "wrapped" -> new RuntimeException("a decoder failed", new OutOfMemoryError("Direct buffer memory"));
                default -> new StackOverflowError();
            };
            EventHandler<FrameEvent> boom = (event, sequence, end) -> {
                if (event.type() == FrameEvent.Type.TICK) {
                    if (error instanceof Error e) {
                        throw e;
                    }
                    throw (RuntimeException) error;
                }
            };
            FrameRing ring = new FrameRing(new RingConfig(16, WaitStrategyKind.BLOCKING, 10), 1, 4,
                    List.of(new FrameRing.Stage("boom", boom)));
            ring.publishTick(1);
            // a fatal error halts the process before it is counted; any other is counted and the ring goes on
            // (waited for, not slept on: a loaded machine's fresh JVM may take seconds to get the tick through)
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (ring.stageErrors().values().stream().mapToLong(Long::longValue).sum() == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            System.out.println("still running, errors " + ring.stageErrors());
            System.exit(0);
        }
    }

    private static Result child(String kind) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), kind).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        return new Result(ended ? p.exitValue() : -1, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int status, String out, String err) {
    }

    @Test
    void outOfMemoryInAStageHaltsTheProcessNamingTheStage() throws Exception {
        for (String kind : List.of("oom", "wrapped")) {
            Result r = child(kind);
            assertEquals(FatalErrors.EXIT_FATAL, r.status(), kind + ": " + r);
            assertTrue(r.err().contains("avfusion: fatal: stage boom on ring sequence 0: "), kind + ": " + r.err());
            assertTrue(r.err().contains("OutOfMemoryError") || r.err().contains("a decoder failed"), r.err());
            assertFalse(r.out().contains("still running"), "it did not go on: " + r.out());
        }
    }

    @Test
    void aStackOverflowIsCountedAndTheRingGoesOn() throws Exception {
        Result r = child("stack");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("still running, errors {boom=1"), r.out());
    }

    @Test
    void whatIsFatal() {
        assertTrue(FatalErrors.isFatal(new OutOfMemoryError()));
        assertTrue(FatalErrors.isFatal(new InternalError()));
        assertTrue(FatalErrors.isFatal(new IllegalStateException("x", new OutOfMemoryError())));
        assertFalse(FatalErrors.isFatal(new StackOverflowError()));
        assertFalse(FatalErrors.isFatal(new IllegalArgumentException("bad frame")));
        assertFalse(FatalErrors.isFatal(new AssertionError()));
    }
}
