package org.avfusion.drivers.recorded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.source.FrameSink;
import org.junit.jupiter.api.Assumptions;

/**
 * Test sink: keeps every header and every record payload, lets a test inspect a pooled payload while it is
 * published, then releases it as the ownership rule requires.
 */
public final class CollectingSink implements FrameSink {
    public final List<FrameHeader> headers = new ArrayList<>();
    public final List<Payload> records = new ArrayList<>();
    private final BiConsumer<FrameHeader, Payload> inspector;

    public CollectingSink() {
        this((h, p) -> { });
    }

    public CollectingSink(BiConsumer<FrameHeader, Payload> inspector) {
        this.inspector = inspector;
    }

    @Override
    public boolean publish(FrameHeader header, Payload payload) {
        headers.add(header);
        inspector.accept(header, payload);
        if (payload instanceof PooledPayload pooled) {
            records.add(null);
            pooled.release();
        } else {
            records.add(payload);
        }
        return true;
    }

    public List<FrameHeader> headersOf(SensorId sensor) {
        return headers.stream().filter(h -> h.sensor().equals(sensor)).toList();
    }

    @SuppressWarnings("unchecked")
    public <T extends Payload> List<T> recordsOf(SensorId sensor) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).sensor().equals(sensor)) {
                out.add((T) records.get(i));
            }
        }
        return out;
    }

    /** {@code ../shared/data/<relative>}, or the test is skipped with the path it looked for. */
    public static Path sharedData(String relative) {
        Path path = Path.of(System.getProperty("avfusion.shared", "../shared"), "data").resolve(relative);
        Assumptions.assumeTrue(Files.exists(path), "../shared/data/" + relative + " not found: "
                + path.toAbsolutePath());
        return path;
    }
}
