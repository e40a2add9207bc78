package org.avfusion.runtime.output.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.junit.jupiter.api.Test;

/**
 * The recorder's queue against a writer slower than its producers: dropped and counted on the vehicle, waited for in
 * a replay as fast as possible ({@link RecordConfig#waitWhenFull}), and the default byte bound sized from the heap.
 */
class RecorderBackPressureTest {
    private static final SensorId IMU = new SensorId("imu", SensorKind.IMU);
    private static final int PER_THREAD = 150;

    /** A sink that takes 1 ms a message and remembers each message's sequence, per channel. */
    private static final class SlowSink implements ChannelSink {
        final List<Long> sequences = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void start(List<RecordChannel> channels, Map<String, Map<String, String>> metadata) {
        }

        @Override
        public void write(int channel, long sequence, long logTimeNanos, long publishTimeNanos, byte[] json) {
            if (channel == 0) {
                sequences.add(sequence);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String stoppedReason() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    /** Two threads record PER_THREAD IMU samples each as fast as they can; returns the recorder's stats. */
    private static Recorder.Stats recordFromTwoThreads(RecordConfig config, SlowSink sink) throws Exception {
        Recorder recorder = new Recorder(config, List.of(IMU), null, "imu", List.of(sink), Map.of());
        ImuSample sample = new ImuSample(0, 0, 0.1, 0, 0, 9.81);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            long base = t * 1_000_000L;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < PER_THREAD; i++) {
                    recorder.record(new FrameHeader(IMU, base + i, base + i), sample, base + i);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        recorder.close(); // the writer drains what is queued first
        return recorder.stats();
    }

    private static RecordConfig smallQueue() {
        return RecordConfig.defaults().withMinFreeBytes(0).withQueue(16, 1L << 20);
    }

    @Test
    void asFastAsPossibleTheProducersWaitAndNothingIsLost() throws Exception {
        SlowSink sink = new SlowSink();
        Recorder.Stats stats = recordFromTwoThreads(smallQueue().withWaitWhenFull(true), sink);
        assertEquals(0, stats.dropped(), stats.toString());
        assertEquals(2L * PER_THREAD, stats.offered());
        assertEquals(2 * PER_THREAD, sink.sequences.size(), "every sample written");
        // each thread's samples in the order it recorded them
        for (long base : new long[] {0, 1_000_000L}) {
            long last = -1;
            for (long s : sink.sequences) {
                if (s >= base && s < base + PER_THREAD) {
                    assertTrue(s > last, "thread " + base + ": " + s + " after " + last);
                    last = s;
                }
            }
            assertEquals(base + PER_THREAD - 1, last);
        }
    }

    @Test
    void onTheVehicleAFullQueueDropsAndCountsWithoutBlocking() throws Exception {
        SlowSink sink = new SlowSink();
        Recorder.Stats stats = recordFromTwoThreads(smallQueue(), sink);
        assertTrue(stats.dropped() > 0, "a 16-message queue before a 1 ms writer drops: " + stats);
        assertEquals(2L * PER_THREAD, sink.sequences.size() + stats.dropped(), "written + dropped = offered");
    }

    @Test
    void theDefaultByteBoundIsAQuarterOfTheHeapWithinLimits() {
        long mib = 1L << 20;
        assertEquals(64 * mib, RecordConfig.defaultQueueBytes(256 * mib), "the launcher's replay heap");
        assertEquals(24 * mib, RecordConfig.defaultQueueBytes(96 * mib));
        assertEquals(512 * mib, RecordConfig.defaultQueueBytes(6L << 30), "a large heap: at most 512 MiB");
        assertEquals(mib, RecordConfig.defaultQueueBytes(2 * mib), "at least 1 MiB");
        assertEquals(512 * mib, RecordConfig.defaultQueueBytes(Long.MAX_VALUE), "no heap limit");
        long heap = Runtime.getRuntime().maxMemory();
        assertTrue(RecordConfig.defaults().queueBytes() <= Math.max(mib, heap / 4), "defaults() follow this JVM");
    }
}
