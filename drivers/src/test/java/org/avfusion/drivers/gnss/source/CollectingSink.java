package org.avfusion.drivers.gnss.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.source.FrameSink;

/** A thread-safe sink that keeps every frame, for tests. */
public final class CollectingSink implements FrameSink {
    private final List<FrameHeader> headers = new ArrayList<>();
    private final List<GnssFix> fixes = new ArrayList<>();

    @Override
    public synchronized boolean publish(FrameHeader header, Payload payload) {
        headers.add(header);
        fixes.add((GnssFix) payload);
        return true;
    }

    public synchronized List<GnssFix> fixes() {
        return List.copyOf(fixes);
    }

    public synchronized List<FrameHeader> headers() {
        return List.copyOf(headers);
    }

    public synchronized int size() {
        return fixes.size();
    }

    /** Waits up to {@code seconds} for the condition; returns whether it held. */
    public static boolean await(BooleanSupplier condition, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
