package org.avfusion.runtime.output.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.avfusion.drivers.frame.CameraImage;
import org.avfusion.drivers.frame.FrameHeader;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.ImuSample;
import org.avfusion.drivers.frame.TwistSample;
import org.avfusion.drivers.frame.Payload;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.recorded.foxglove.FoxgloveSchemas;
import org.avfusion.drivers.recorded.foxglove.InputChannels;
import org.avfusion.drivers.recorded.foxglove.InputEncoder;
import org.avfusion.drivers.source.FrameSink;
import org.avfusion.drivers.source.VehicleClock;
import org.avfusion.calibration.geometry.MountPose;
import org.avfusion.runtime.output.OutputChannel;

/**
 * Records the runtime's inputs and outputs as Foxglove messages and hands them to {@link ChannelSink}s (MCAP files,
 * the Foxglove WebSocket server).
 *
 * <pre>
 *  sources --&gt; tap(sink) --copy--&gt; [bounded queue] --&gt; writer thread: encode JSON --&gt; MCAP file sink
 *  publish --&gt; tee(output) ------^                                                 \-&gt; WebSocket server
 * </pre>
 *
 * <p>Never blocks the pipeline: the tap copies a frame's data (a cloud's points, an image's pixels) and offers it to
 * a queue bounded in messages and bytes; what does not fit is dropped and counted ({@link #stats()}). The exception
 * is a replay as fast as possible ({@link RecordConfig#waitWhenFull}): there the tap and the tee wait for room (the
 * replay goes at the writer's pace) and drop only once the recorder is closed or its writer has died; the byte bound
 * then holds to within one message per waiting thread, and a message larger than the whole bound goes into an empty
 * queue. JPEG encoding,
 * base64 and file I/O happen on the writer thread. A sink that fails (disk full) stops on its own and says so; the
 * pipeline goes on.
 *
 * <p>Threading: {@link #tap} and {@link #tee} may be called from any thread (the queue is thread-safe); sinks are
 * called from the writer thread only; {@link #stats()} from any thread.
 */
public final class Recorder implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Recorder.class);
    /** How often a thread waiting for room ({@link RecordConfig#waitWhenFull}) looks again. */
    private static final long WAIT_POLL_NANOS = 200_000;

    /** The output channels, after one input channel per sensor. */
    public enum Output {
        DECISION("/avfusion/decision", "avfusion.Decision"),
        OBJECTS("/avfusion/objects", FoxgloveSchemas.SCENE_UPDATE),
        CAMERA_DETECTIONS("/avfusion/camera_detections", FoxgloveSchemas.IMAGE_ANNOTATIONS),
        OCCUPANCY("/avfusion/occupancy", FoxgloveSchemas.GRID),
        HEALTH("/avfusion/health", "avfusion.Health"),
        TRANSFORMS("/tf", FoxgloveSchemas.FRAME_TRANSFORM);

        private final String topic;
        private final String schemaName;

        Output(String topic, String schemaName) {
            this.topic = topic;
            this.schemaName = schemaName;
        }

        public String topic() {
            return topic;
        }

        public String schemaName() {
            return schemaName;
        }
    }

    /** Name of the MCAP Metadata record holding the rig a recording was made on. */
    public static final String RIG_METADATA = "avfusion.rig";

    private enum Kind { CLOUD, IMAGE, GNSS, IMU, TWIST, DECISION, OBJECTS, OCCUPANCY, HEALTH }

    private record Item(Kind kind, int channel, long sequence, long logTimeNanos, long stampNanos, String frameId,
            Object data, int width, int height, long bytes) {
    }

    private static final Item POISON = new Item(Kind.HEALTH, -1, 0, 0, 0, "", null, 0, 0, 0);

    private final RecordConfig config;
    private final List<SensorId> sensors;
    private final Map<SensorId, Integer> channelOfSensor = new HashMap<>();
    private final List<RecordChannel> channels = new ArrayList<>();
    private final List<ChannelSink> sinks;
    private final MountPose lidarMount;
    private final String lidarFrame;
    private final BlockingQueue<Item> queue;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLongArray droppedByChannel;
    private final AtomicLong encodeErrors = new AtomicLong();
    private final AtomicLong messagesOut = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final long[] outputSequences = new long[Output.values().length];
    private final Thread writer;
    private volatile boolean closed;

    /**
     * Declares the channels to every sink (an MCAP file sink creates its first file here: a path that cannot be
     * written fails now, naming it) and starts the writer thread.
     *
     * @param sensors    the configured sensors, one input channel each
     * @param lidarMount the reference lidar's mount on base_link (recorded on /tf), or null
     * @param lidarFrame the reference lidar's name
     * @param rig        the rig the recording is made on (written as the Metadata record {@link #RIG_METADATA}), or an empty map
     */
    public Recorder(RecordConfig config, List<SensorId> sensors, MountPose lidarMount,
            String lidarFrame, List<ChannelSink> sinks, Map<String, String> rig) {
        this.config = Objects.requireNonNull(config, "config");
        this.sensors = List.copyOf(sensors);
        this.sinks = List.copyOf(sinks);
        this.lidarMount = lidarMount;
        this.lidarFrame = lidarFrame;
        for (SensorId s : this.sensors) {
            int index = channels.size();
            channelOfSensor.put(s, index);
            String schema = InputChannels.schemaName(s.kind());
            channels.add(new RecordChannel(index, InputChannels.topic(s), schema, FoxgloveSchemas.of(schema),
                    InputChannels.metadata(s)));
        }
        for (Output o : Output.values()) {
            byte[] schema = o.schemaName().startsWith("avfusion.")
                    ? FoxgloveSchemas.load(Recorder.class, o.schemaName()) : FoxgloveSchemas.of(o.schemaName());
            channels.add(new RecordChannel(channels.size(), o.topic(), o.schemaName(), schema,
                    Map.of(InputChannels.META_ROLE, "output")));
        }
        droppedByChannel = new AtomicLongArray(channels.size());
        queue = new ArrayBlockingQueue<>(config.queueMessages());
        List<ChannelSink> started = new ArrayList<>();
        try {
            for (ChannelSink sink : this.sinks) {
                sink.start(channels, rig.isEmpty() ? Map.of() : Map.of(RIG_METADATA, rig));
                started.add(sink);
            }
        } catch (RuntimeException e) {
            started.forEach(ChannelSink::close);
            throw e;
        }
        writer = new Thread(this::drain, "avfusion-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    /** The channels, inputs first (one per sensor, in the order given), then {@link Output}s. */
    public List<RecordChannel> channels() {
        return List.copyOf(channels);
    }

    /** Index of an output channel. */
    public int channelOf(Output o) {
        return sensors.size() + o.ordinal();
    }

    /**
     * A sink that records each frame (a copy, taken before the frame goes on) and passes it to {@code next}.
     *
     * @param arrivalClock the vehicle time a frame arrives (the recorded log time: a replay of the recording releases
     *                     each frame at it)
     */
    public FrameSink tap(FrameSink next, VehicleClock arrivalClock) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(arrivalClock, "arrivalClock");
        return (header, payload) -> {
            record(header, payload, arrivalClock.nowNanos());
            return next.publish(header, payload);
        };
    }

    /** Records one input frame (copies what it needs; does not take ownership of the payload). */
    public void record(FrameHeader header, Payload payload, long arrivalNanos) {
        Integer channel = channelOfSensor.get(header.sensor());
        if (channel == null || closed) {
            return;
        }
        offered.incrementAndGet();
        if (!room(0)) {
            droppedByChannel.incrementAndGet(channel);
            return;
        }
        String frame = header.sensor().name();
        Item item;
        if (payload instanceof PointCloud cloud) {
            long bytes = (long) cloud.size() * InputEncoder.POINT_STRIDE;
            item = room(bytes) ? new Item(Kind.CLOUD, channel, header.sequence(), arrivalNanos, header.stampNanos(),
                    frame, InputEncoder.pack(cloud), 0, 0, bytes) : null;
        } else if (payload instanceof CameraImage image) {
            long bytes = (long) image.width() * image.height() * CameraImage.CHANNELS;
            if (room(bytes)) {
                byte[] bgr = new byte[(int) bytes];
                image.pixels().get(bgr);
                item = new Item(Kind.IMAGE, channel, header.sequence(), arrivalNanos, header.stampNanos(), frame, bgr,
                        image.width(), image.height(), bytes);
            } else {
                item = null;
            }
        } else if (payload instanceof GnssFix fix) {
            item = new Item(Kind.GNSS, channel, header.sequence(), arrivalNanos, header.stampNanos(), frame, fix, 0, 0,
                    0);
        } else if (payload instanceof TwistSample twist) {
            item = new Item(Kind.TWIST, channel, header.sequence(), arrivalNanos, header.stampNanos(), frame, twist, 0,
                    0, 0);
        } else {
            item = new Item(Kind.IMU, channel, header.sequence(), arrivalNanos, header.stampNanos(), frame,
                    (ImuSample) payload, 0, 0, 0);
        }
        offer(item, channel);
    }

    private boolean fits(long bytes) {
        return queuedBytes.get() + bytes <= config.queueBytes();
    }

    /**
     * Whether a message of {@code bytes} may be queued: now (dropping), or once the writer has made room
     * ({@link RecordConfig#waitWhenFull}; false if the recorder closes or its writer dies meanwhile).
     */
    private boolean room(long bytes) {
        if (!config.waitWhenFull()) {
            return queue.remainingCapacity() > 0 && fits(bytes);
        }
        while (queue.remainingCapacity() == 0 || !(fits(bytes) || queue.isEmpty())) {
            if (closed || !writer.isAlive()) {
                return false;
            }
            LockSupport.parkNanos(WAIT_POLL_NANOS);
        }
        return true;
    }

    private void offer(Item item, int channel) {
        boolean queued = item != null && queue.offer(item);
        while (item != null && !queued && config.waitWhenFull() && !closed && writer.isAlive()) {
            LockSupport.parkNanos(WAIT_POLL_NANOS); // another thread took the room this one waited for
            queued = queue.offer(item);
        }
        if (!queued) {
            droppedByChannel.incrementAndGet(channel);
            return;
        }
        queuedBytes.addAndGet(item.bytes());
    }

    /**
     * An output channel that records each payload and passes it to {@code next} (whose result it returns).
     *
     * @param nowClock vehicle time at publication (the log time of outputs)
     */
    public OutputChannel tee(OutputChannel next, VehicleClock nowClock) {
        Objects.requireNonNull(next, "next");
        return new OutputChannel() {
            @Override
            public boolean decision(byte[] json) {
                output(Kind.DECISION, Output.DECISION, json, nowClock.nowNanos());
                return next.decision(json);
            }

            @Override
            public boolean occupancy(byte[] json) {
                output(Kind.OCCUPANCY, Output.OCCUPANCY, json, nowClock.nowNanos());
                return next.occupancy(json);
            }

            @Override
            public boolean objects(byte[] json) {
                output(Kind.OBJECTS, Output.OBJECTS, json, nowClock.nowNanos());
                return next.objects(json);
            }

            @Override
            public boolean health(byte[] json) {
                output(Kind.HEALTH, Output.HEALTH, json, nowClock.nowNanos());
                return next.health(json);
            }

            @Override
            public boolean route(byte[] geoJson) {
                return next.route(geoJson);
            }

            @Override
            public void close() {
                next.close();
            }
        };
    }

    private void output(Kind kind, Output channel, byte[] json, long logTimeNanos) {
        if (closed || logTimeNanos == Long.MIN_VALUE) {
            return; // closed, or before the replay clock started (the health report before the first frame)
        }
        offered.incrementAndGet();
        // outputs are small and are not held back by the byte bound on the vehicle (only a full queue drops them);
        // as fast as possible they wait their turn like the inputs
        boolean admitted = !config.waitWhenFull() || room(json.length);
        offer(admitted ? new Item(kind, channelOf(channel), 0, logTimeNanos, logTimeNanos, "", json, 0, 0,
                json.length) : null, channelOf(channel));
    }

    private void drain() {
        InputEncoder inputs = new InputEncoder(config.jpegQuality());
        OutputMessages outputs = new OutputMessages();
        while (true) {
            Item item;
            try {
                item = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (item == null) {
                continue;
            }
            if (item == POISON) {
                return;
            }
            queuedBytes.addAndGet(-item.bytes());
            try {
                encodeAndWrite(item, inputs, outputs);
            } catch (RuntimeException | IOException e) {
                long n = encodeErrors.incrementAndGet();
                if (n <= 10 || Long.bitCount(n) == 1) {
                    LOG.warn("recorder: cannot encode a {} message on {} ({} so far): {}", item.kind(),
                            channels.get(item.channel()).topic(), n, e.toString());
                }
            }
        }
    }

    private void encodeAndWrite(Item item, InputEncoder inputs, OutputMessages outputs) throws IOException {
        switch (item.kind()) {
            case CLOUD -> send(item.channel(), item.sequence(), item.logTimeNanos(), item.stampNanos(),
                    inputs.pointCloud(item.frameId(), item.stampNanos(), (byte[]) item.data()));
            case IMAGE -> send(item.channel(), item.sequence(), item.logTimeNanos(), item.stampNanos(),
                    inputs.image(item.frameId(), item.stampNanos(), (byte[]) item.data(), item.width(),
                            item.height()));
            case GNSS -> send(item.channel(), item.sequence(), item.logTimeNanos(), item.stampNanos(),
                    inputs.gnss(item.frameId(), item.stampNanos(), (GnssFix) item.data()));
            case IMU -> send(item.channel(), item.sequence(), item.logTimeNanos(), item.stampNanos(),
                    inputs.imu(item.frameId(), item.stampNanos(), (ImuSample) item.data()));
            case TWIST -> send(item.channel(), item.sequence(), item.logTimeNanos(), item.stampNanos(),
                    inputs.twist(item.frameId(), item.stampNanos(), (TwistSample) item.data()));
            case DECISION, HEALTH -> {
                byte[] json = (byte[]) item.data();
                long stamp = OutputMessages.referenceStamp(OutputMessages.parse(json), item.logTimeNanos());
                Output o = item.kind() == Kind.DECISION ? Output.DECISION : Output.HEALTH;
                sendOutput(o, item.logTimeNanos(), stamp, json);
                if (o == Output.DECISION && lidarMount != null) {
                    sendOutput(Output.TRANSFORMS, item.logTimeNanos(), stamp,
                            outputs.lidarMount(lidarMount, lidarFrame, stamp));
                }
            }
            case OBJECTS -> {
                JsonNode tree = OutputMessages.parse((byte[]) item.data());
                long stamp = OutputMessages.referenceStamp(tree, item.logTimeNanos());
                sendOutput(Output.OBJECTS, item.logTimeNanos(), stamp, outputs.sceneUpdate(tree, stamp));
                sendOutput(Output.CAMERA_DETECTIONS, item.logTimeNanos(), stamp,
                        outputs.imageAnnotations(tree, stamp));
            }
            case OCCUPANCY -> {
                JsonNode tree = OutputMessages.parse((byte[]) item.data());
                long stamp = OutputMessages.referenceStamp(tree, item.logTimeNanos());
                sendOutput(Output.OCCUPANCY, item.logTimeNanos(), stamp, outputs.grid(tree, stamp));
            }
        }
    }

    private void sendOutput(Output o, long logTimeNanos, long stampNanos, byte[] json) {
        send(channelOf(o), outputSequences[o.ordinal()]++, logTimeNanos, stampNanos, json);
    }

    private void send(int channel, long sequence, long logTimeNanos, long stampNanos, byte[] json) {
        // MCAP times are unsigned: a stamp before the clock's zero (a sensor offset) stays in the message only
        long publishTimeNanos = stampNanos >= 0 ? stampNanos : Math.max(0, logTimeNanos);
        for (ChannelSink sink : sinks) {
            sink.write(channel, sequence, logTimeNanos, publishTimeNanos, json);
        }
        messagesOut.incrementAndGet();
        bytesOut.addAndGet(json.length);
    }

    /** What the recorder did so far. */
    public record Stats(long offered, long messagesOut, long bytesOut, long dropped, Map<String, Long> droppedByTopic,
            long encodeErrors, int queued, List<String> stoppedSinks) {
    }

    public Stats stats() {
        Map<String, Long> byTopic = new java.util.LinkedHashMap<>();
        long dropped = 0;
        for (int i = 0; i < channels.size(); i++) {
            long d = droppedByChannel.get(i);
            dropped += d;
            if (d > 0) {
                byTopic.put(channels.get(i).topic(), d);
            }
        }
        List<String> stopped = new ArrayList<>();
        for (ChannelSink s : sinks) {
            String why = s.stoppedReason();
            if (why != null) {
                stopped.add(why);
            }
        }
        return new Stats(offered.get(), messagesOut.get(), bytesOut.get(), dropped, byTopic, encodeErrors.get(),
                queue.size(), stopped);
    }

    /** Adds the recorder's counters under {@code record} to a health report. */
    public void appendHealth(org.avfusion.runtime.output.json.JsonPayload payload) {
        Stats s = stats();
        com.fasterxml.jackson.core.JsonGenerator w = payload.generator();
        try {
            w.writeObjectFieldStart("record");
            w.writeNumberField("offered", s.offered());
            w.writeNumberField("written", s.messagesOut());
            w.writeNumberField("bytes", s.bytesOut());
            w.writeNumberField("dropped", s.dropped());
            w.writeNumberField("queued", s.queued());
            w.writeNumberField("encodeErrors", s.encodeErrors());
            w.writeBooleanField("recording", s.stoppedSinks().isEmpty());
            if (!s.stoppedSinks().isEmpty()) {
                w.writeStringField("stopped", String.join("; ", s.stoppedSinks()));
            }
            w.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean joined(long millis) throws InterruptedException {
        writer.join(millis);
        return !writer.isAlive();
    }

    /** Writes what is queued, stops the writer thread and closes the sinks (an MCAP file gets its summary). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // the writer drains what is queued first; a writer that died would never take the poison
            if (!queue.offer(POISON, 60, TimeUnit.SECONDS) || !joined(60_000)) {
                LOG.error("recorder: the writer thread did not finish within 60 s; closing the files anyway "
                        + "({} messages still queued)", queue.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ChannelSink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.warn("recorder: closing a sink failed: {}", e.toString());
            }
        }
    }
}
