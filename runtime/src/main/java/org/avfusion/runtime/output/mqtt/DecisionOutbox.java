package org.avfusion.runtime.output.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The bounded outbox of decisions not yet acknowledged by the broker (MQTT QoS 1 PUBACK), oldest first, optionally
 * backed by an append-only file so that it survives a restart of the process.
 *
 * <p><b>Bound.</b> At most {@code capacity} decisions are held (sent-and-unacknowledged plus waiting). Adding one more
 * evicts the <em>oldest</em> (the latest decisions are the ones worth delivering late); {@link #add} reports the
 * eviction so the caller counts it as a lost decision.
 *
 * <p><b>Late.</b> An entry is <em>late</em> when it was added while there was no connection, was waiting or in flight
 * when a connection was lost ({@link #requeueAll()}), or was recovered from the file: it is delivered with
 * {@code "late":true} and {@code "publishedLateByMillis"} (see {@link #markLate(byte[], long)}).
 *
 * <p><b>File format</b> ({@code <dir>/<name>.outbox}): a sequence of records, each
 * {@code [type u8][sequence i64][enqueuedEpochMillis i64][length i32][payload][crc32 i32]} for an ADD (type 1) and
 * {@code [type u8][sequence i64][crc32 i32]} for a REMOVE (type 2), the CRC over the record's preceding bytes.
 * Recovery reads records until the first torn or corrupt one (a crash mid-write) and truncates the file there. The
 * file is rewritten with only the live entries (to a temporary file, forced, then an atomic rename) at open and every
 * {@code max(1024, 4 x capacity)} records, so it stays within a few times {@code capacity} decisions. Records are
 * written to the OS (surviving a crash of this process) but not forced to the disk (not surviving a power loss); a
 * {@link FileLock} on {@code <name>.lock} keeps a second process from sharing the file. Paho's {@code MqttDefaultFilePersistence} was not
 * used: it only holds what Paho already accepted, is cleared by the clean start this client uses, and has no bound,
 * eviction or notion of lateness.
 *
 * <p><b>Threading.</b> Every method is {@code synchronized}; callers (publish stage, Paho's callback thread, the
 * connector) may call from any thread. File I/O happens under the lock: one small write per decision and per
 * acknowledgement.
 */
public final class DecisionOutbox implements AutoCloseable {
    private static final byte ADD = 1;
    private static final byte REMOVE = 2;
    private static final int ADD_HEADER = 1 + 8 + 8 + 4;
    private static final int REMOVE_RECORD = 1 + 8 + 4;
    /** A recovered payload longer than this is treated as corruption. */
    static final int MAX_PAYLOAD_BYTES = 16 << 20;

    /** One decision held by the outbox. Mutable fields are guarded by the outbox's lock. */
    public static final class Entry {
        private final long sequence;
        private final long enqueuedEpochMillis;
        private final byte[] payload;
        private boolean late;
        private long sentNanos;
        private long generation;

        Entry(long sequence, long enqueuedEpochMillis, byte[] payload, boolean late) {
            this.sequence = sequence;
            this.enqueuedEpochMillis = enqueuedEpochMillis;
            this.payload = payload;
            this.late = late;
        }

        /** Position in the outbox's order, increasing over the file's life. */
        public long sequence() {
            return sequence;
        }

        /** Wall-clock time {@link #add} was called, epoch milliseconds. */
        public long enqueuedEpochMillis() {
            return enqueuedEpochMillis;
        }

        /** The decision as handed to the output (without late marking). */
        public byte[] payload() {
            return payload;
        }

        public synchronized boolean late() {
            return late;
        }

        synchronized long sentNanos() {
            return sentNanos;
        }

        synchronized long generation() {
            return generation;
        }
    }

    private final int capacity;
    private final Path file;
    private FileChannel channel;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ArrayDeque<Entry> sent = new ArrayDeque<>();
    private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private ByteBuffer buffer = ByteBuffer.allocate(4096);
    private final int recovered;
    private final int evictedOnRecovery;
    private long nextSequence;
    private long recordsSinceCompaction;
    private boolean closed;

    private DecisionOutbox(int capacity, Path file, FileChannel channel, FileChannel lockChannel, FileLock lock,
            List<Entry> live, int evictedOnRecovery) {
        this.capacity = capacity;
        this.file = file;
        this.channel = channel;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.waiting.addAll(live);
        this.recovered = live.size();
        this.evictedOnRecovery = evictedOnRecovery;
        this.nextSequence = live.isEmpty() ? 0 : live.get(live.size() - 1).sequence + 1;
    }

    /** An outbox held in memory only: survives a broker outage, not a restart of the process. */
    public static DecisionOutbox inMemory(int capacity) {
        requireCapacity(capacity);
        return new DecisionOutbox(capacity, null, null, null, null, List.of(), 0);
    }

    /**
     * Opens (creating if needed) the outbox file {@code <dir>/<name>.outbox}, recovering the decisions a previous run
     * left unacknowledged (the latest {@code capacity} of them; older ones are counted in
     * {@link #evictedOnRecovery()}), all marked late.
     *
     * @throws UncheckedIOException naming the file when it cannot be created, read or locked (another process holds
     *                              it)
     */
    public static DecisionOutbox open(Path dir, String name, int capacity) {
        requireCapacity(capacity);
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("outbox name must match [A-Za-z0-9_.-]+: '" + name + "'");
        }
        Path file = dir.resolve(name + ".outbox");
        FileChannel lockChannel = null;
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(name + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("held by another process (or another output in this one): give each "
                        + "vehicle's runtime its own outbox");
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            LinkedHashMap<Long, Entry> live = new LinkedHashMap<>();
            recover(channel, live);
            List<Entry> entries = new ArrayList<>(live.values());
            int evicted = Math.max(0, entries.size() - capacity);
            entries = new ArrayList<>(entries.subList(evicted, entries.size()));
            DecisionOutbox outbox = new DecisionOutbox(capacity, file, channel, lockChannel, lock, entries, evicted);
            synchronized (outbox) {
                outbox.compact(); // drops a torn tail and what was acknowledged; reopens in append mode
            }
            return outbox;
        } catch (IOException e) {
            closeQuietly(channel);
            closeQuietly(lockChannel);
            throw new UncheckedIOException("decision outbox " + file + ": " + e.getMessage(), e);
        }
    }

    /** The most decisions held; past it the oldest is evicted. */
    public int capacity() {
        return capacity;
    }

    /** The backing file, or null when in memory. */
    public Path file() {
        return file;
    }

    /** Decisions recovered from the file at open (all late). */
    public int recovered() {
        return recovered;
    }

    /** Decisions found in the file at open beyond the capacity, dropped (oldest first). */
    public int evictedOnRecovery() {
        return evictedOnRecovery;
    }

    /** Decisions held: sent and unacknowledged plus waiting. */
    public synchronized int size() {
        return sent.size() + waiting.size();
    }

    /** Decisions sent on the current connection and not acknowledged yet. */
    public synchronized int inFlight() {
        return sent.size();
    }

    /** Room left before an {@link #add} evicts. */
    public synchronized int remainingCapacity() {
        return capacity - size();
    }

    /**
     * Appends a decision.
     *
     * @param late whether it is added while there is no connection
     * @return the entry evicted to make room (a lost decision), or null
     */
    public synchronized Entry add(byte[] payload, long nowEpochMillis, boolean late) {
        requireOpen();
        Entry evicted = null;
        if (size() >= capacity) {
            evicted = sent.isEmpty() ? waiting.pollFirst() : sent.pollFirst();
            writeRemove(evicted.sequence);
        }
        Entry entry = new Entry(nextSequence++, nowEpochMillis, payload, late);
        writeAdd(entry);
        waiting.addLast(entry);
        maybeCompact();
        return evicted;
    }

    /** Moves the oldest waiting entry to in-flight and returns it, or null when none waits. */
    public synchronized Entry takeNext(long nowNanos, long generation) {
        Entry entry = waiting.pollFirst();
        if (entry != null) {
            synchronized (entry) {
                entry.sentNanos = nowNanos;
                entry.generation = generation;
            }
            sent.addLast(entry);
        }
        return entry;
    }

    /** Puts an entry taken by {@link #takeNext} back at the head (the client refused it for now). */
    public synchronized void putBack(Entry entry) {
        if (sent.remove(entry)) {
            waiting.addFirst(entry);
        }
    }

    /**
     * Removes an acknowledged (or definitively failed) entry.
     *
     * @return false when it was not held any more (evicted, or already removed)
     */
    public synchronized boolean remove(Entry entry) {
        if (!sent.remove(entry) && !waiting.remove(entry)) {
            return false;
        }
        writeRemove(entry.sequence);
        maybeCompact();
        return true;
    }

    /** The connection was lost: every in-flight entry goes back ahead of the waiting ones, in order; all are late. */
    public synchronized void requeueAll() {
        Iterator<Entry> back = sent.descendingIterator();
        while (back.hasNext()) {
            waiting.addFirst(back.next());
        }
        sent.clear();
        for (Entry entry : waiting) {
            synchronized (entry) {
                entry.late = true;
            }
        }
    }

    /** When the oldest in-flight entry was sent ({@link System#nanoTime()}), or {@code Long.MIN_VALUE} if none. */
    public synchronized long oldestInFlightSentNanos() {
        Entry head = sent.peekFirst();
        return head == null ? Long.MIN_VALUE : head.sentNanos();
    }

    /** The oldest in-flight entry, or null. */
    public synchronized Entry oldestInFlight() {
        return sent.peekFirst();
    }

    /**
     * The payload with {@code "late":true,"publishedLateByMillis":N} added before the closing brace of its JSON
     * object; unchanged when the payload is not a JSON object.
     */
    public static byte[] markLate(byte[] json, long lateByMillis) {
        int end = json.length - 1;
        while (end >= 0 && Character.isWhitespace(json[end])) {
            end--;
        }
        if (end < 1 || json[end] != '}') {
            return json;
        }
        int before = end - 1;
        while (before >= 0 && Character.isWhitespace(json[before])) {
            before--;
        }
        boolean empty = json[before] == '{';
        byte[] extra = ((empty ? "" : ",") + "\"late\":true,\"publishedLateByMillis\":" + Math.max(0, lateByMillis)
                + "}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[end + extra.length];
        System.arraycopy(json, 0, out, 0, end);
        System.arraycopy(extra, 0, out, end, extra.length);
        return out;
    }

    /** Releases the file (entries stay in it for the next run). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channel != null) {
            closeQuietly(channel);
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it anyway
            }
            closeQuietly(lockChannel);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("decision outbox " + (file == null ? "(memory)" : file) + " is closed");
        }
    }

    private void maybeCompact() {
        if (channel != null && recordsSinceCompaction > Math.max(1024L, 4L * capacity)) {
            compact();
        }
    }

    /** Rewrites the file with only the live entries: a temporary file, forced, then renamed over the file. */
    private void compact() {
        if (channel == null) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (Entry e : sent) {
                    writeAdd(out, e);
                }
                for (Entry e : waiting) {
                    writeAdd(out, e);
                }
                out.force(false);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            FileChannel old = channel;
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            closeQuietly(old);
        } catch (IOException e) {
            throw new UncheckedIOException("decision outbox " + file + ": " + e.getMessage(), e);
        }
        recordsSinceCompaction = 0;
    }

    private void writeAdd(Entry entry) {
        if (channel != null) {
            try {
                writeAdd(channel, entry);
            } catch (IOException e) {
                throw new UncheckedIOException("decision outbox " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private void writeAdd(FileChannel out, Entry entry) throws IOException {
        int length = ADD_HEADER + entry.payload.length + 4;
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocate(Integer.highestOneBit(length) << 1);
        }
        buffer.clear();
        buffer.put(ADD).putLong(entry.sequence).putLong(entry.enqueuedEpochMillis).putInt(entry.payload.length)
                .put(entry.payload);
        finish(out);
    }

    private void writeRemove(long sequence) {
        if (channel != null) {
            buffer.clear();
            buffer.put(REMOVE).putLong(sequence);
            try {
                finish(channel);
            } catch (IOException e) {
                throw new UncheckedIOException("decision outbox " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private void finish(FileChannel out) throws IOException {
        crc.reset();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        recordsSinceCompaction++;
    }

    /** Reads records into {@code live}; returns the length of the valid prefix. */
    private static long recover(FileChannel channel, Map<Long, Entry> live) throws IOException {
        long size = channel.size();
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 16));
        channel.read(all, 0);
        all.flip();
        CRC32 check = new CRC32();
        long valid = 0;
        while (all.remaining() >= REMOVE_RECORD) {
            int start = all.position();
            byte type = all.get();
            long sequence = all.getLong();
            if (type == ADD) {
                if (all.remaining() < 12) {
                    break;
                }
                long enqueued = all.getLong();
                int length = all.getInt();
                if (length < 0 || length > MAX_PAYLOAD_BYTES || all.remaining() < length + 4) {
                    break;
                }
                byte[] payload = new byte[length];
                all.get(payload);
                if (!crcMatches(check, all, start)) {
                    break;
                }
                live.put(sequence, new Entry(sequence, enqueued, payload, true));
            } else if (type == REMOVE) {
                if (!crcMatches(check, all, start)) {
                    break;
                }
                live.remove(sequence);
            } else {
                break;
            }
            valid = all.position();
        }
        return valid;
    }

    private static boolean crcMatches(CRC32 check, ByteBuffer all, int start) {
        check.reset();
        check.update(all.array(), start, all.position() - start);
        return all.remaining() >= 4 && all.getInt() == (int) check.getValue();
    }

    private static void requireCapacity(int capacity) {
        if (capacity < 1 || capacity > 1_000_000) {
            throw new IllegalArgumentException("decision outbox capacity must be in [1, 1000000]: " + capacity);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
