package org.avfusion.runtime.output.record;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.avfusion.drivers.recorded.foxglove.FoxgloveSchemas;
import org.avfusion.drivers.recorded.mcap.McapWriter;
import org.avfusion.drivers.recorded.mcap.McapWriterConfig;

/**
 * Writes the recorder's messages to MCAP: one file ({@code replay --record FILE.mcap}), or a directory of files that
 * rotate by size and wall time ({@code run --record DIR}: {@code avfusion-YYYYMMDD-HHMMSS-NNN.mcap}, each a complete
 * MCAP file with its own summary). Recording stops, and says why, when the file system has less free space than the
 * floor or a write fails (disk full); the pipeline goes on.
 *
 * <p>Called from the recorder's writer thread only; the counters may be read from any thread.
 */
public final class McapFileSink implements ChannelSink {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(McapFileSink.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** Free space is checked every this many messages (and at every rotation). */
    static final int FREE_SPACE_EVERY = 64;

    /** Opens a file for writing; tests substitute a failing one. */
    @FunctionalInterface
    public interface Opener {
        OutputStream open(Path file) throws IOException;
    }

    private final Path target;
    private final boolean directory;
    private final RecordConfig config;
    private final Opener opener;
    private final List<Path> files = new ArrayList<>();
    private List<RecordChannel> channels = List.of();
    private Map<String, Map<String, String>> metadata = Map.of();
    private McapWriter writer;
    private long fileStartWallNanos;
    private long sinceFreeCheck;
    private volatile long bytesClosed;
    private volatile long messages;
    private volatile String stopped;

    private McapFileSink(Path target, boolean directory, RecordConfig config, Opener opener) {
        this.target = target;
        this.directory = directory;
        this.config = config;
        this.opener = opener;
    }

    /**
     * One file. Checks at once that it can be created.
     *
     * @throws RecordException naming the path when it cannot be written
     */
    public static McapFileSink file(Path file, RecordConfig config) {
        return file(file, config, p -> new BufferedOutputStream(Files.newOutputStream(p), 1 << 16));
    }

    public static McapFileSink file(Path file, RecordConfig config, Opener opener) {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new RecordException("--record " + file + " is a directory; give a file name such as drive.mcap");
        }
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new RecordException("--record " + file + ": cannot write there (" + (parent == null || !Files
                    .isDirectory(parent) ? "no directory " + parent : "directory " + parent + " is not writable")
                    + ")");
        }
        return new McapFileSink(file, false, config, opener);
    }

    /**
     * A directory of rotating files, created if missing.
     *
     * @throws RecordException naming the path when it cannot be created or written
     */
    public static McapFileSink directory(Path dir, RecordConfig config) {
        return directory(dir, config, p -> new BufferedOutputStream(Files.newOutputStream(p), 1 << 16));
    }

    public static McapFileSink directory(Path dir, RecordConfig config, Opener opener) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new RecordException("--record " + dir + ": cannot create the directory: " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new RecordException("--record " + dir + ": directory is not writable");
        }
        return new McapFileSink(dir, true, config, opener);
    }

    @Override
    public void start(List<RecordChannel> list, Map<String, Map<String, String>> meta) {
        channels = List.copyOf(list);
        metadata = Map.copyOf(meta);
        try {
            openNext();
        } catch (IOException e) {
            throw new RecordException("--record " + target + ": cannot write: " + e.getMessage());
        }
    }

    private void openNext() throws IOException {
        Path file = directory ? target.resolve(String.format("avfusion-%s-%03d.mcap",
                LocalDateTime.now().format(STAMP), files.size())) : target;
        String floor = belowFloor(file);
        if (floor != null) {
            throw new IOException(floor);
        }
        McapWriterConfig mc = McapWriterConfig.of("", config.compression());
        writer = McapWriter.to(opener.open(file), mc);
        files.add(file);
        fileStartWallNanos = System.nanoTime();
        for (RecordChannel c : channels) {
            int schema = writer.addSchema(c.schemaName(), FoxgloveSchemas.ENCODING, c.schema());
            writer.addChannel(c.topic(), FoxgloveSchemas.MESSAGE_ENCODING, schema, c.metadata());
        }
        for (Map.Entry<String, Map<String, String>> m : metadata.entrySet()) {
            writer.writeMetadata(m.getKey(), m.getValue());
        }
        LOG.info("recording to {}", file);
    }

    /** Null when there is room, else why not. */
    private String belowFloor(Path file) {
        if (config.minFreeBytes() == 0) {
            return null;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            FileStore store = Files.getFileStore(dir);
            long free = store.getUsableSpace();
            if (free < config.minFreeBytes()) {
                return "free space on " + dir + " is " + (free >> 20) + " MiB, below the floor of "
                        + (config.minFreeBytes() >> 20) + " MiB (record.minFreeBytes)";
            }
            return null;
        } catch (IOException e) {
            return "cannot read the free space of " + file + ": " + e.getMessage();
        }
    }

    @Override
    public void write(int channel, long sequence, long logTimeNanos, long publishTimeNanos, byte[] json) {
        if (stopped != null) {
            return;
        }
        try {
            if (++sinceFreeCheck >= FREE_SPACE_EVERY) {
                sinceFreeCheck = 0;
                String floor = belowFloor(files.get(files.size() - 1));
                if (floor != null) {
                    stop(floor);
                    return;
                }
            }
            if (directory && (writer.bytesWritten() >= config.maxFileBytes()
                    || System.nanoTime() - fileStartWallNanos >= config.maxFileSeconds() * 1_000_000_000L)) {
                closeWriter();
                openNext();
            }
            writer.writeMessage(channel, sequence, logTimeNanos, publishTimeNanos, json, 0, json.length);
            messages++;
        } catch (IOException | RuntimeException e) {
            stop("write to " + files.get(files.size() - 1) + " failed: " + e.getMessage());
        }
    }

    private void stop(String why) {
        stopped = why;
        LOG.error("recording stopped: {}; decisions continue", why);
        try {
            closeWriter();
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing the recording after the failure also failed: {}", e.getMessage());
        }
    }

    private void closeWriter() throws IOException {
        McapWriter w = writer;
        writer = null;
        if (w != null) {
            bytesClosed += w.bytesWritten();
            w.close();
        }
    }

    @Override
    public String stoppedReason() {
        return stopped;
    }

    /** Files started so far, oldest first. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    public Path target() {
        return target;
    }

    public long messagesWritten() {
        return messages;
    }

    /** Bytes written to closed files (the open file's count is added when it closes). */
    public long bytesClosed() {
        return bytesClosed;
    }

    @Override
    public void close() {
        if (stopped != null) {
            return;
        }
        try {
            closeWriter();
        } catch (IOException e) {
            stopped = "closing " + target + " failed: " + e.getMessage();
            LOG.error("recording: {}", stopped);
        }
    }
}
