package org.avfusion.drivers.recorded.mcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Reads an MCAP file written by any conforming writer (the spec: https://mcap.dev/spec).
 *
 * <p>{@link #open} checks the leading magic and reads the Header; then, when the file ends with a Footer that
 * points at a summary section, reads the summary (schemas, channels, statistics, chunk, attachment and metadata
 * indexes) and checks its CRC: {@link #summary()}. {@link #next(McapMessage)} delivers the messages in the
 * configured {@link McapReadOrder}: through the chunk indexes when there is a summary, otherwise by a linear scan of
 * the data section that needs nothing but the records themselves (a file without a summary, a truncated copy).
 * {@link #scanned()} says what a linear scan has counted so far, for files whose summary is missing.
 *
 * <p><b>No summary.</b> The summary section is optional (a recording cut short by a crash or power loss has none,
 * nor a Footer): {@link #recoverSummary()} then walks the data section once, as far as it is intact, for its Schema
 * and Channel records (inside chunks too), so that {@link #channels()} is complete before the first message.
 *
 * <p><b>Bad input.</b> A wrong magic, or a Header that is not one, throws {@link McapFormatException} from
 * {@link #open}, as does a file cut inside its magic or Header. A record that runs past the end of the file (a
 * truncated copy) ends reading: {@link #next} has delivered every message before the damage, then throws an
 * exception ({@link McapFormatException#truncated()}) naming the file, the byte offset where the damaged record
 * starts, where the file ends, what is lost (a cut chunk's span of log time) and how many messages were read; a
 * tail of zeros (a crash or power loss can leave a file's last blocks unwritten) reads as the same cut. Problems
 * that spoil a chunk, a message or the summary are thrown in strict mode and counted in {@link #problems()}
 * otherwise (see {@link McapReaderConfig#strict()}). Lengths are checked against the file and the configured limits
 * before anything is allocated.
 *
 * <p><b>A damaged chunk in the middle.</b> In a file with an intact summary, a chunk that cannot be read (zeroed,
 * framing gone, data that will not decompress, a CRC mismatch) costs only its own messages: reading goes on at the
 * next chunk the summary's chunk index lists, and the one problem, naming the chunk's offset, carries an
 * {@link McapChunkLoss} (messages per channel and their log time span, from the chunk's Message Index records, or
 * from the Statistics less the other chunks' indexes when those are damaged too). Without a usable summary nothing
 * says where the next record starts, so framing damage still ends reading. A data section CRC mismatch is a
 * {@link McapFormatException#warning()} (no message known lost), and is not reported when a chunk was already
 * skipped: that damage explains it.
 *
 * <p><b>Memory.</b> One record buffer and one decompressed-chunk buffer, grown to the largest seen and reused; the
 * message view is filled in place (see {@link McapMessage} for the ownership rule). Schemas, channels and the
 * summary are allocated once.
 *
 * <p>Not thread-safe: one reading thread. {@link #close()} closes the file.
 */
public final class McapReader implements AutoCloseable {
    /** At most this many problems are kept (the count goes on). */
    public static final int KEPT_PROBLEMS = 64;
    private static final int FOOTER_AND_MAGIC = McapOpcode.FOOTER_RECORD_BYTES + 8;

    private final Path file;
    private final McapReaderConfig config;
    private final FileChannel channel;
    private final long fileSize;
    private final RecordCursor cursor = new RecordCursor();
    private final CRC32 dataCrc = new CRC32();
    private final List<McapFormatException> problems = new ArrayList<>();
    private long problemCount;

    private McapHeader header;
    private long dataStart;
    private McapSummary summary;
    private String summaryProblem;
    /** No closing magic: a file scan goes on past Data End to find where the file is cut. */
    private boolean tailMissing;
    private boolean afterDataEnd;

    // what is known and what the scan counted
    private final Map<Integer, McapSchema> schemas = new TreeMap<>();
    private McapChannel[] channels = new McapChannel[16];
    private long[] channelCounts = new long[16];
    private final List<McapChunkIndex> scannedChunks = new ArrayList<>();
    private final List<McapIndexEntry> scannedAttachments = new ArrayList<>();
    private final List<McapIndexEntry> scannedMetadata = new ArrayList<>();
    private final List<McapMetadata> metadata = new ArrayList<>();
    private long scannedMessages;
    private long scannedStart = Long.MAX_VALUE;
    private long scannedEnd = Long.MIN_VALUE;
    private long skippedChunks;
    private McapSummary recovered;
    private McapFormatException damage;
    /** The summary's chunk indexes by chunk offset, built on the first damaged chunk. */
    private Map<Long, McapChunkIndex> indexByOffset;
    // the chunk being loaded, for what skipping it costs
    private McapChunkIndex loadingIndex;
    private long loadingTotal;
    private long loadingStart = -1;
    private long loadingEnd = -1;

    // iteration
    private long position;
    private boolean crcTracking = true;
    private boolean finished;
    private List<McapChunkIndex> chunkOrder;
    private int nextChunk;
    private ByteBuffer recordBuffer = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    private byte[] chunkBytes = new byte[0];
    private ByteBuffer decompressed = ByteBuffer.wrap(chunkBytes).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer chunkView = decompressed;
    private final ByteBuffer prefix = ByteBuffer.allocate(McapOpcode.RECORD_PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private int recordOpcode;
    private int recordLength;
    private boolean recordTooLarge;
    private long chunkRecordOffset;
    private long[] pendingTimes = new long[64];
    private int[] pendingOffsets = new int[64];
    private int[] pendingLengths = new int[64];
    private int[] pendingOrder = new int[64];
    private int[] sortScratch = new int[64];
    private int pendingCount;
    private int pendingNext;

    private McapReader(Path file, McapReaderConfig config, FileChannel channel, long fileSize) {
        this.file = file;
        this.config = config;
        this.channel = channel;
        this.fileSize = fileSize;
    }

    /** Opens {@code file} with {@link McapReaderConfig#defaults()}. */
    public static McapReader open(Path file) throws IOException {
        return open(file, McapReaderConfig.defaults());
    }

    /**
     * Opens {@code file}: magic, Header and (when there is one) the summary.
     *
     * @throws McapFormatException naming the file and offset when it is not MCAP, or when the summary is bad in
     *                             strict mode
     * @throws NoSuchFileException when there is no such file
     */
    public static McapReader open(Path file, McapReaderConfig config) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(config, "config");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such MCAP file");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        McapReader reader = new McapReader(file, config, channel, channel.size());
        try {
            reader.readStart();
            reader.readSummary();
            reader.startIteration();
            return reader;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- opening

    private void readStart() throws IOException {
        if (fileSize < McapOpcode.MAGIC.length) {
            ByteBuffer head = read(0, (int) fileSize);
            boolean magicSoFar = true;
            for (int i = 0; i < fileSize; i++) {
                magicSoFar &= head.get(i) == McapOpcode.MAGIC[i];
            }
            if (fileSize == 0) {
                throw new McapFormatException(file, 0, "the file is empty (0 bytes): truncated, cut short before "
                        + "anything was recorded, even the 8-byte MCAP magic", true);
            }
            if (magicSoFar) {
                throw new McapFormatException(file, 0, "the file ends at byte " + fileSize + " inside the 8-byte "
                        + "MCAP magic: truncated, cut short before anything was recorded", true);
            }
            throw new McapFormatException(file, 0, "not an MCAP file: " + fileSize + " bytes, shorter than the "
                    + "8-byte magic");
        }
        ByteBuffer magic = read(0, McapOpcode.MAGIC.length);
        for (int i = 0; i < McapOpcode.MAGIC.length; i++) {
            if (magic.get(i) != McapOpcode.MAGIC[i]) {
                throw new McapFormatException(file, 0, "not an MCAP file: starts with " + hex(magic, 8)
                        + ", MCAP files start with 89 4D 43 41 50 30 0D 0A");
            }
        }
        dataCrc.update(magic.array(), 0, 8);
        long at = McapOpcode.MAGIC.length;
        recordAt(at, true);
        if (recordOpcode != McapOpcode.HEADER) {
            throw new McapFormatException(file, at, "the first record is " + McapOpcode.name(recordOpcode)
                    + ", not a Header");
        }
        int length = recordLength;
        ByteBuffer bytes = readRecord(at, length);
        dataCrc.update(bytes.array(), 0, McapOpcode.RECORD_PREFIX_BYTES + length);
        cursor.reset(file, bytes, at, McapOpcode.RECORD_PREFIX_BYTES, McapOpcode.RECORD_PREFIX_BYTES + length,
                "Header");
        header = RecordParser.header(cursor);
        dataStart = at + McapOpcode.RECORD_PREFIX_BYTES + length;
    }

    private void readSummary() throws IOException {
        if (fileSize < dataStart + FOOTER_AND_MAGIC) {
            summaryProblem = "the file ends before a Footer could (truncated, or still being written)";
            tailMissing = true;
            return;
        }
        long footerAt = fileSize - FOOTER_AND_MAGIC;
        ByteBuffer tail = read(footerAt, FOOTER_AND_MAGIC);
        for (int i = 0; i < 8; i++) {
            if (tail.get(McapOpcode.FOOTER_RECORD_BYTES + i) != McapOpcode.MAGIC[i]) {
                summaryProblem = "no closing magic: the file is truncated or still being written";
                tailMissing = true;
                return;
            }
        }
        if ((tail.get(0) & 0xff) != McapOpcode.FOOTER || tail.getLong(1) != 20) {
            problem(new McapFormatException(file, footerAt, "the record before the closing magic is not a 20-byte "
                    + "Footer"), false);
            summaryProblem = "no Footer before the closing magic";
            return;
        }
        long summaryStart = tail.getLong(9);
        long summaryCrc = tail.getInt(25) & 0xffffffffL;
        if (summaryStart == 0) {
            summaryProblem = "the Footer says the file has no summary section";
            return;
        }
        if (summaryStart < dataStart || summaryStart > footerAt) {
            problem(new McapFormatException(file, footerAt, "the Footer's summary_start " + summaryStart
                    + " is outside the file's records [" + dataStart + ", " + footerAt + ")"), true);
            summaryProblem = "the Footer's summary_start is outside the file";
            return;
        }
        long length = footerAt - summaryStart;
        if (length > config.maxRecordBytes()) {
            problem(new McapFormatException(file, summaryStart, "summary section of " + length + " bytes is larger "
                    + "than maxRecordBytes " + config.maxRecordBytes()), true);
            summaryProblem = "summary section too large";
            return;
        }
        ByteBuffer bytes = read(summaryStart, (int) length);
        if (config.verifyCrcs() && summaryCrc != 0) {
            CRC32 crc = new CRC32();
            crc.update(bytes.array(), 0, (int) length);
            crc.update(tail.array(), 0, McapOpcode.RECORD_PREFIX_BYTES + 16);
            if (crc.getValue() != summaryCrc) {
                problem(new McapFormatException(file, summaryStart, String.format("summary CRC mismatch: the "
                        + "Footer says %08x, the summary section's bytes give %08x", summaryCrc, crc.getValue())),
                        true);
                summaryProblem = "summary CRC mismatch";
                return;
            }
        }
        try {
            summary = parseSummary(bytes, summaryStart, (int) length);
        } catch (McapFormatException e) {
            problem(e, true);
            summaryProblem = "the summary section cannot be parsed: " + e.getMessage();
        }
    }

    private McapSummary parseSummary(ByteBuffer bytes, long base, int length) throws McapFormatException {
        McapStatistics statistics = null;
        Map<Integer, McapSchema> summarySchemas = new TreeMap<>();
        Map<Integer, McapChannel> summaryChannels = new TreeMap<>();
        List<McapChunkIndex> chunkIndexes = new ArrayList<>();
        List<McapIndexEntry> attachments = new ArrayList<>();
        List<McapIndexEntry> metadataIndexes = new ArrayList<>();
        int at = 0;
        while (at < length) {
            if (length - at < McapOpcode.RECORD_PREFIX_BYTES) {
                throw new McapFormatException(file, base + at, "summary record prefix cut off by the Footer");
            }
            int opcode = bytes.get(at) & 0xff;
            long recordLength = bytes.getLong(at + 1);
            int content = at + McapOpcode.RECORD_PREFIX_BYTES;
            if (recordLength < 0 || recordLength > length - content) {
                throw new McapFormatException(file, base + at, McapOpcode.name(opcode) + " record of "
                        + Long.toUnsignedString(recordLength) + " bytes overruns the summary section");
            }
            int end = content + (int) recordLength;
            String name = "summary " + McapOpcode.name(opcode);
            cursor.reset(file, bytes, base, content, end, name);
            switch (opcode) {
                case McapOpcode.SCHEMA -> {
                    McapSchema schema = RecordParser.schema(cursor);
                    if (schema != null) {
                        summarySchemas.put(schema.id(), schema);
                    }
                }
                case McapOpcode.CHANNEL -> {
                    McapChannel c = RecordParser.channel(cursor);
                    summaryChannels.put(c.id(), c);
                }
                case McapOpcode.STATISTICS -> statistics = RecordParser.statistics(cursor);
                case McapOpcode.CHUNK_INDEX -> {
                    McapChunkIndex index = RecordParser.chunkIndex(cursor);
                    if (index.chunkStartOffset() < dataStart || index.chunkLength() > fileSize
                            || index.chunkStartOffset() > fileSize - index.chunkLength()) {
                        throw new McapFormatException(file, base + at, "chunk index points at ["
                                + index.chunkStartOffset() + ", +" + index.chunkLength() + "), outside the data "
                                + "section");
                    }
                    chunkIndexes.add(index);
                }
                case McapOpcode.ATTACHMENT_INDEX -> attachments.add(RecordParser.attachmentIndex(cursor));
                case McapOpcode.METADATA_INDEX -> metadataIndexes.add(RecordParser.metadataIndex(cursor));
                default -> {
                    // summary offsets, private and future records: nothing this reader needs
                }
            }
            at = end;
        }
        for (McapSchema s : summarySchemas.values()) {
            schemas.putIfAbsent(s.id(), s);
        }
        for (McapChannel c : summaryChannels.values()) {
            defineChannel(c);
        }
        return new McapSummary(header, statistics, summarySchemas, summaryChannels, chunkIndexes, attachments,
                metadataIndexes, true);
    }

    private void startIteration() {
        position = dataStart;
        if (config.order() == McapReadOrder.LOG_TIME && summary != null && !summary.chunkIndexes().isEmpty()) {
            chunkOrder = new ArrayList<>(summary.chunkIndexes());
            chunkOrder.sort(Comparator.comparingLong(McapChunkIndex::messageStartNanos)
                    .thenComparingLong(McapChunkIndex::chunkStartOffset));
        }
    }

    // ---------------------------------------------------------------- accessors

    public Path file() {
        return file;
    }

    public McapHeader header() {
        return header;
    }

    /** The summary section, or null when the file has none or it could not be used ({@link #summaryProblem()}). */
    public McapSummary summary() {
        return summary;
    }

    /** Why {@link #summary()} is null, or null when there is a summary. */
    public String summaryProblem() {
        return summaryProblem;
    }

    /**
     * The summary section; for a file without a usable one (a recording cut short by a crash or power loss, one
     * still being written, one written without a summary), what one walk of its data section finds. The walk, as
     * the spec allows a reader without a summary to do, reads every record from the Header to the end of what is
     * intact, decompressing every chunk, for the Schema and Channel records: afterwards {@link #channels()} and
     * {@link #schemas()} hold every channel of the intact part before the first message is read, and
     * {@link #damage()} says where that part ends. The result has {@link McapSummary#fromSummarySection()} false
     * and the statistics of the intact part (messages per channel, log time range, chunks).
     *
     * <p>Costs one more pass over the file (decompression included), once: later calls return the same result.
     * Problems the walk meets (a chunk's CRC) are not counted: reading meets them again, in {@link #problems()}.
     * Call it before the first {@link #next}; reading then starts at the first record as before.
     *
     * @throws IOException when the file cannot be read at all (not when it is cut short or damaged)
     */
    public McapSummary recoverSummary() throws IOException {
        if (summary != null) {
            return summary;
        }
        if (recovered == null) {
            try (McapReader walk = open(file, config.withOrder(McapReadOrder.FILE).withStrict(false))) {
                McapMessage message = new McapMessage();
                try {
                    while (walk.next(message)) {
                        // the walk keeps the schemas, channels and counts
                    }
                } catch (McapFormatException e) {
                    damage = e;
                }
                walk.schemas.values().forEach(this::defineSchema);
                walk.channels().values().forEach(this::defineChannel);
                recovered = walk.scanned();
            }
        }
        return recovered;
    }

    /**
     * What ended {@link #recoverSummary()}'s walk before the end of the file (a record cut off: the file was cut
     * short, {@link McapFormatException#truncated()}; or framing damage), or null: no walk, or a whole data section.
     */
    public McapFormatException damage() {
        return damage;
    }

    /** Channel {@code id} as known so far (from the summary, or from the records read), or null. */
    public McapChannel channel(int id) {
        return id >= 0 && id < channels.length ? channels[id] : null;
    }

    /** Every channel known so far, by id. */
    public Map<Integer, McapChannel> channels() {
        Map<Integer, McapChannel> out = new LinkedHashMap<>();
        for (McapChannel c : channels) {
            if (c != null) {
                out.put(c.id(), c);
            }
        }
        return out;
    }

    /** Schema {@code id} as known so far, or null (always null for 0). */
    public McapSchema schema(int id) {
        return schemas.get(id);
    }

    /** Every schema known so far, by id. */
    public Map<Integer, McapSchema> schemas() {
        return Collections.unmodifiableMap(schemas);
    }

    /** Metadata records met so far by a {@link McapReadOrder#FILE} scan. */
    public List<McapMetadata> metadata() {
        return List.copyOf(metadata);
    }

    /** Problems counted (not thrown) so far: the first {@link #KEPT_PROBLEMS}. */
    public List<McapFormatException> problems() {
        return List.copyOf(problems);
    }

    /** How many problems were counted. */
    public long problemCount() {
        return problemCount;
    }

    /** Chunks skipped because of a counted problem. */
    public long skippedChunks() {
        return skippedChunks;
    }

    /**
     * What the reading so far has counted, as a summary ({@code fromSummarySection} false): every message
     * delivered, every chunk, attachment and metadata record met. After a complete {@link McapReadOrder#FILE} scan
     * these are the file's statistics; after a scan that ended on damage, those of the part before it.
     */
    public McapSummary scanned() {
        Map<Integer, Long> counts = new TreeMap<>();
        Map<Integer, McapChannel> known = channels();
        for (int id = 0; id < channelCounts.length; id++) {
            if (channelCounts[id] > 0) {
                counts.put(id, channelCounts[id]);
            }
        }
        boolean any = scannedMessages > 0;
        McapStatistics statistics = new McapStatistics(scannedMessages, schemas.size(), known.size(),
                scannedAttachments.size(), scannedMetadata.size(), scannedChunks.size(), any ? scannedStart : 0,
                any ? scannedEnd : 0, counts);
        return new McapSummary(header, statistics, schemas, known, scannedChunks, scannedAttachments,
                scannedMetadata, false);
    }

    // ---------------------------------------------------------------- iteration

    /**
     * Fills {@code into} with the next message.
     *
     * @return false when there are no more messages
     * @throws McapFormatException where the file is damaged (a truncated record: every message before it has been
     *                             delivered) or, in strict mode, at any problem; once thrown, further calls return
     *                             false
     */
    public boolean next(McapMessage into) throws IOException {
        Objects.requireNonNull(into, "into");
        try {
            while (true) {
                if (pendingNext < pendingCount) {
                    if (deliver(into)) {
                        return true;
                    }
                    continue;
                }
                if (finished) {
                    return false;
                }
                if (chunkOrder != null) {
                    if (nextChunk == chunkOrder.size()) {
                        finished = true;
                        return false;
                    }
                    loadIndexedChunk(chunkOrder.get(nextChunk++));
                    continue;
                }
                if (scanRecord(into)) {
                    return true;
                }
            }
        } catch (McapFormatException e) {
            finished = true;
            pendingCount = 0;
            throw e;
        }
    }

    private boolean deliver(McapMessage into) throws McapFormatException {
        int i = pendingOrder[pendingNext++];
        int at = pendingOffsets[i];
        int length = pendingLengths[i];
        ByteBuffer view = chunkView;
        int channelId = view.getShort(at) & 0xffff;
        McapChannel c = channel(channelId);
        if (c == null) {
            problem(new McapFormatException(file, chunkRecordOffset, "a message in this chunk is on channel "
                    + channelId + ", which no Channel record before it defines; message skipped"), true);
            return false;
        }
        fill(into, c, view, at, length, chunkRecordOffset);
        return true;
    }

    private void fill(McapMessage into, McapChannel c, ByteBuffer view, int at, int length, long recordOffset) {
        into.channel = c;
        into.sequence = view.getInt(at + 2) & 0xffffffffL;
        into.logTimeNanos = view.getLong(at + 6);
        into.publishTimeNanos = view.getLong(at + 14);
        into.buffer = view;
        into.dataOffset = at + 22;
        into.dataLength = length - 22;
        into.recordOffset = recordOffset;
        countMessage(c.id(), into.logTimeNanos);
    }

    private void countMessage(int channelId, long logTime) {
        scannedMessages++;
        channelCounts[channelId]++;
        scannedStart = Math.min(scannedStart, logTime);
        scannedEnd = Math.max(scannedEnd, logTime);
    }

    /** Reads the record at {@link #position} in file order; true when it filled {@code into} with a message. */
    private boolean scanRecord(McapMessage into) throws IOException {
        long at = position;
        if (at >= fileSize) {
            finished = true;
            throw cutShort(at, afterDataEnd ? "here, inside its summary section"
                    : "here, after a whole record but before Data End and the Footer");
        }
        try {
            recordAt(at, false);
        } catch (McapFormatException e) {
            if (resumeAfterDamage(at, e)) {
                return false;
            }
            throw e;
        }
        int opcode = recordOpcode;
        long length = recordTooLarge ? -1 : recordLength;
        if (length < 0) {
            // larger than maxRecordBytes: framing intact, skip what we will not hold
            long big = recordLengthAt(at);
            problem(new McapFormatException(file, at, McapOpcode.name(opcode) + " record of " + big + " bytes is "
                    + "larger than maxRecordBytes " + config.maxRecordBytes() + "; skipped"), true);
            if (opcode == McapOpcode.CHUNK) {
                skippedChunks++;
            }
            crcTracking = false;
            position = at + McapOpcode.RECORD_PREFIX_BYTES + big;
            return false;
        }
        boolean summaryRecord = opcode == McapOpcode.CHUNK_INDEX || opcode == McapOpcode.STATISTICS
                || opcode == McapOpcode.ATTACHMENT_INDEX || opcode == McapOpcode.METADATA_INDEX
                || opcode == McapOpcode.SUMMARY_OFFSET;
        if (opcode == McapOpcode.FOOTER || summaryRecord || afterDataEnd) {
            if (!tailMissing || opcode == McapOpcode.FOOTER) {
                finished = true;
                return false;
            }
            // the file has no closing magic: walk the summary records to the place where it is cut
            position = at + McapOpcode.RECORD_PREFIX_BYTES + length;
            afterDataEnd = true;
            return false;
        }
        ByteBuffer bytes = readRecord(at, (int) length);
        int total = McapOpcode.RECORD_PREFIX_BYTES + (int) length;
        position = at + total;
        int content = McapOpcode.RECORD_PREFIX_BYTES;
        String name = McapOpcode.name(opcode);
        if (opcode == McapOpcode.DATA_END) {
            finished = !tailMissing;
            afterDataEnd = true;
            cursor.reset(file, bytes, at, content, total, name);
            long stored = cursor.u32("data_section_crc");
            if (config.verifyCrcs() && crcTracking && stored != 0 && stored != dataCrc.getValue()
                    && skippedChunks == 0) {
                // with a chunk skipped, the mismatch is that damage, already counted: not a second problem
                problem(McapFormatException.warning(file, at, String.format("data section CRC mismatch: Data End "
                        + "says %08x, the bytes before it give %08x: some bytes of the file differ from what the "
                        + "recorder wrote, outside what this reader checks on its own (every chunk read passed its "
                        + "own CRC where it has one); no message is known lost", stored, dataCrc.getValue())),
                        true);
            }
            return false;
        }
        dataCrc.update(bytes.array(), 0, total);
        cursor.reset(file, bytes, at, content, total, name);
        switch (opcode) {
            case McapOpcode.SCHEMA -> defineSchema(RecordParser.schema(cursor));
            case McapOpcode.CHANNEL -> defineChannel(RecordParser.channel(cursor));
            case McapOpcode.MESSAGE -> {
                cursor.skip("header", 22);
                int channelId = bytes.getShort(content) & 0xffff;
                McapChannel c = channel(channelId);
                if (c == null) {
                    problem(new McapFormatException(file, at, "message on channel " + channelId + ", which no "
                            + "Channel record before it defines; skipped"), true);
                    return false;
                }
                fill(into, c, bytes, content, (int) length, at);
                return true;
            }
            case McapOpcode.CHUNK -> loadChunkOrSkip(bytes, at, total, null);
            case McapOpcode.METADATA -> {
                McapMetadata m = RecordParser.metadata(cursor);
                metadata.add(m);
                scannedMetadata.add(new McapIndexEntry(McapOpcode.METADATA, at, total, m.name()));
            }
            case McapOpcode.ATTACHMENT -> scanAttachment(bytes, at, total);
            default -> {
                // message indexes, private and future records
            }
        }
        return false;
    }

    /**
     * A record at {@code at} of a file with an intact summary cannot be framed (zeros, a length past the end):
     * counts the chunks the summary's chunk index places from {@code at} up to the next chunk after it, each with
     * what it cost, and goes on at that chunk. A file without a usable summary (one cut short) has no index to say
     * where the next record is: false, and reading ends there as before.
     */
    private boolean resumeAfterDamage(long at, McapFormatException e) throws IOException {
        if (config.strict() || summary == null || tailMissing || summary.chunkIndexes().isEmpty()) {
            return false;
        }
        long resume = Long.MAX_VALUE;
        List<McapChunkIndex> lost = new ArrayList<>();
        for (McapChunkIndex index : summary.chunkIndexes()) {
            long start = index.chunkStartOffset();
            if (start > at) {
                resume = Math.min(resume, start);
            }
        }
        for (McapChunkIndex index : summary.chunkIndexes()) {
            long start = index.chunkStartOffset();
            if (start >= at && start < resume) {
                lost.add(index);
            }
        }
        crcTracking = false;
        String next = resume == Long.MAX_VALUE ? "no chunk follows (the summary's chunk index): reading ends"
                : "reading goes on at the next chunk, byte " + resume + " (the summary's chunk index)";
        if (lost.isEmpty()) {
            problem(McapFormatException.warning(file, at, e.problem() + "; not a chunk: " + next
                    + "; no message lost"), true);
        }
        for (McapChunkIndex index : lost) {
            skipChunk(index.chunkStartOffset(), e.problem() + "; " + next, index, index.chunkLength(), -1, -1);
        }
        if (resume == Long.MAX_VALUE) {
            finished = true;
        } else {
            position = resume;
        }
        return true;
    }

    private void scanAttachment(ByteBuffer bytes, long at, int total) throws McapFormatException {
        cursor.timestamp("log_time");
        cursor.timestamp("create_time");
        String name = cursor.string("name");
        cursor.string("media_type");
        int dataLength = cursor.length64("data");
        cursor.skip("data", dataLength);
        int crcAt = cursor.position();
        long stored = cursor.u32("crc");
        if (config.verifyCrcs() && stored != 0) {
            CRC32 crc = new CRC32();
            crc.update(bytes.array(), McapOpcode.RECORD_PREFIX_BYTES, crcAt - McapOpcode.RECORD_PREFIX_BYTES);
            if (crc.getValue() != stored) {
                problem(new McapFormatException(file, at, String.format("attachment '%s' CRC mismatch: the record "
                        + "says %08x, its bytes give %08x", name, stored, crc.getValue())), true);
            }
        }
        scannedAttachments.add(new McapIndexEntry(McapOpcode.ATTACHMENT, at, total, name));
    }

    private void loadIndexedChunk(McapChunkIndex index) throws IOException {
        long at = index.chunkStartOffset();
        pendingCount = 0;
        pendingNext = 0;
        try {
            recordAt(at, false);
        } catch (McapFormatException e) {
            // the summary is intact (it gave this index): damage here costs this chunk, not the rest of the file
            if (config.strict()) {
                throw e;
            }
            skipChunk(at, "a chunk index points here, but " + e.problem(), index, index.chunkLength(), -1, -1);
            return;
        }
        if (recordOpcode != McapOpcode.CHUNK) {
            skipChunk(at, "a chunk index points here, but the record is " + McapOpcode.name(recordOpcode), index,
                    index.chunkLength(), -1, -1);
            return;
        }
        if (recordTooLarge) {
            skipChunk(at, "chunk of " + recordLengthAt(at) + " bytes is larger than maxRecordBytes "
                    + config.maxRecordBytes(), index, index.chunkLength(), -1, -1);
            return;
        }
        int length = recordLength;
        ByteBuffer bytes = readRecord(at, length);
        cursor.reset(file, bytes, at, McapOpcode.RECORD_PREFIX_BYTES, McapOpcode.RECORD_PREFIX_BYTES + length,
                "Chunk");
        loadChunkOrSkip(bytes, at, McapOpcode.RECORD_PREFIX_BYTES + length, index);
    }

    /** {@link #loadChunk}; a chunk whose fields cannot be parsed (its framing is intact) is skipped and counted. */
    private void loadChunkOrSkip(ByteBuffer bytes, long at, int total, McapChunkIndex fromIndex)
            throws IOException {
        loadingIndex = fromIndex;
        loadingTotal = total;
        loadingStart = -1;
        loadingEnd = -1;
        try {
            loadChunk(bytes, at, total, fromIndex);
        } catch (McapFormatException e) {
            if (config.strict() || e.loss() != null) {
                throw e;
            }
            pendingCount = 0;
            pendingNext = 0;
            skipChunk(at, e.problem());
        }
    }

    /** Decompresses the chunk whose fields the cursor is at, and lists its messages as pending. */
    private void loadChunk(ByteBuffer bytes, long at, int total, McapChunkIndex fromIndex) throws IOException {
        long start = cursor.timestamp("message_start_time");
        long end = cursor.timestamp("message_end_time");
        loadingStart = start;
        loadingEnd = end;
        long uncompressedSize = cursor.u64("uncompressed_size");
        long storedCrc = cursor.u32("uncompressed_crc");
        String compressionName = cursor.string("compression");
        int compressedSize = cursor.length64("records");
        int recordsAt = cursor.position();
        if (fromIndex == null) {
            scannedChunks.add(new McapChunkIndex(start, end, at, total, Map.of(), 0, compressionName, compressedSize,
                    uncompressedSize));
        }
        McapCompression compression = McapCompression.ofSpecName(compressionName);
        if (compression == null) {
            skipChunk(at, "compression '" + compressionName + "' is unknown (this reader knows none, zstd and lz4)");
            return;
        }
        if (uncompressedSize > config.maxChunkBytes()) {
            skipChunk(at, "uncompressed_size " + uncompressedSize + " is larger than maxChunkBytes "
                    + config.maxChunkBytes());
            return;
        }
        int size = (int) uncompressedSize;
        chunkRecordOffset = at;
        ByteBuffer view;
        int base;
        if (compression == McapCompression.NONE) {
            if (compressedSize != size) {
                skipChunk(at, "uncompressed records are " + compressedSize + " bytes, uncompressed_size says "
                        + size);
                return;
            }
            view = bytes;
            base = recordsAt;
        } else {
            String mismatch = ChunkCodec.declaredSizeMismatch(compression, bytes.array(), recordsAt, compressedSize,
                    size);
            if (mismatch != null) {
                skipChunk(at, mismatch);
                return;
            }
            if (chunkBytes.length < size) {
                chunkBytes = new byte[Math.max(size, Math.min(config.maxChunkBytes(), chunkBytes.length * 2))];
                decompressed = ByteBuffer.wrap(chunkBytes).order(ByteOrder.LITTLE_ENDIAN);
            }
            String failure = ChunkCodec.decompress(compression, bytes.array(), recordsAt, compressedSize, chunkBytes,
                    size);
            if (failure != null) {
                skipChunk(at, failure);
                return;
            }
            view = decompressed;
            base = 0;
        }
        if (config.verifyCrcs() && storedCrc != 0) {
            CRC32 crc = new CRC32();
            crc.update(view.array(), base, size);
            if (crc.getValue() != storedCrc) {
                skipChunk(at, String.format("chunk CRC mismatch: the chunk says %08x, its %d uncompressed bytes give "
                        + "%08x", storedCrc, size, crc.getValue()));
                return;
            }
        }
        chunkView = view;
        listMessages(view, base, base + size, at);
        if (config.order() == McapReadOrder.LOG_TIME) {
            sortPending();
        }
    }

    private void skipChunk(long at, String why) throws IOException {
        skipChunk(at, why, loadingIndex, loadingTotal, loadingStart, loadingEnd);
    }

    /**
     * Counts the chunk at {@code at} skipped, with what it cost ({@link #lossOf}) in one problem naming its offset.
     *
     * @param total the Chunk record's bytes, or 0 when not known
     * @param start its message_start_time as the chunk itself says, or -1 when not read
     */
    private void skipChunk(long at, String why, McapChunkIndex index, long total, long start, long end)
            throws IOException {
        skippedChunks++;
        McapChunkLoss loss = lossOf(at, index, total, start, end);
        problem(McapFormatException.chunkLost(file, at, why + "; chunk skipped, " + describe(loss), loss), true);
    }

    /** {@code "72 messages lost (/lidar 20, /camera 18), log time 1.210..1.610 s, counted from ..."}. */
    private String describe(McapChunkLoss loss) {
        StringBuilder text = new StringBuilder();
        if (loss.counted()) {
            text.append(loss.messages()).append(loss.messages() == 1 ? " message" : " messages").append(" lost");
            if (!loss.messagesByChannel().isEmpty()) {
                text.append(" (");
                String sep = "";
                for (Map.Entry<Integer, Long> e : loss.messagesByChannel().entrySet()) {
                    McapChannel c = channel(e.getKey());
                    text.append(sep).append(c == null ? "channel " + e.getKey() : c.topic()).append(' ')
                            .append(e.getValue());
                    sep = ", ";
                }
                text.append(')');
            }
        } else {
            text.append("its messages lost (how many is not known: ").append(loss.countedFrom()).append(')');
        }
        if (loss.spanKnown()) {
            text.append(String.format(java.util.Locale.ROOT, ", log time %.3f..%.3f s", loss.startNanos() / 1e9,
                    loss.endNanos() / 1e9));
        }
        if (loss.counted()) {
            text.append(", counted from ").append(loss.countedFrom());
        }
        return text.toString();
    }

    /**
     * What skipping the chunk at {@code at} costs: its Message Index records (where the chunk index says, or, in a
     * file without a summary, right after the chunk) give the messages per channel and their log times; where they
     * are damaged too, the summary's Statistics less the other chunks' message indexes give the counts, and the
     * chunk index (or the chunk's own header) the span.
     */
    private McapChunkLoss lossOf(long at, McapChunkIndex given, long total, long start, long end) throws IOException {
        McapChunkIndex index = given != null ? given : indexAt(at);
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        Map<Integer, Long> counts = new TreeMap<>();
        boolean counted = false;
        String from = "no message index";
        if (index != null && !index.messageIndexOffsets().isEmpty()) {
            counted = true;
            for (Map.Entry<Integer, Long> e : index.messageIndexOffsets().entrySet()) {
                long n = messageIndexCount(e.getValue(), e.getKey(), span);
                if (n < 0) {
                    counted = false;
                    break;
                }
                counts.put(e.getKey(), n);
            }
            from = "its message indexes";
            if (!counted) {
                span[0] = Long.MAX_VALUE;
                span[1] = Long.MIN_VALUE;
                counts = countsFromStatistics(index);
                counted = counts != null;
                from = counted ? "the summary's statistics less the other chunks' message indexes"
                        : "its message indexes are damaged and the summary has no usable statistics";
                if (counts == null) {
                    counts = Map.of();
                }
            }
        } else if (index == null && total > 0) {
            // no summary: a writer puts a chunk's message indexes right after it
            long pos = at + total;
            while (fileSize - pos >= McapOpcode.RECORD_PREFIX_BYTES + 6) {
                ByteBuffer head = read(pos, McapOpcode.RECORD_PREFIX_BYTES + 2);
                long length = head.getLong(1);
                if ((head.get(0) & 0xff) != McapOpcode.MESSAGE_INDEX || length < 6
                        || length > fileSize - pos - McapOpcode.RECORD_PREFIX_BYTES) {
                    break;
                }
                int channelId = head.getShort(McapOpcode.RECORD_PREFIX_BYTES) & 0xffff;
                long n = messageIndexCount(pos, channelId, span);
                if (n < 0) {
                    break;
                }
                counts.merge(channelId, n, Long::sum);
                counted = true;
                pos += McapOpcode.RECORD_PREFIX_BYTES + length;
            }
            from = counted ? "the message indexes after it" : "no message index after it";
        }
        if (span[0] > span[1]) {
            if (index != null) {
                span[0] = index.messageStartNanos();
                span[1] = index.messageEndNanos();
            } else {
                span[0] = start;
                span[1] = end;
            }
        }
        return new McapChunkLoss(at, counted ? counts : Map.of(), counted, span[0], span[1], from);
    }

    /**
     * Messages listed by the Message Index record of {@code channelId} at {@code at}, widening {@code span} to
     * their log times; -1 when there is no such intact record there.
     */
    private long messageIndexCount(long at, int channelId, long[] span) throws IOException {
        if (at < dataStart || fileSize - at < McapOpcode.RECORD_PREFIX_BYTES + 6) {
            return -1;
        }
        ByteBuffer head = read(at, McapOpcode.RECORD_PREFIX_BYTES + 6);
        long length = head.getLong(1);
        long records = head.getInt(McapOpcode.RECORD_PREFIX_BYTES + 2) & 0xffffffffL;
        if ((head.get(0) & 0xff) != McapOpcode.MESSAGE_INDEX
                || (head.getShort(McapOpcode.RECORD_PREFIX_BYTES) & 0xffff) != channelId
                || length != 6 + records || records % 16 != 0
                || length > Math.min(fileSize - at - McapOpcode.RECORD_PREFIX_BYTES, config.maxRecordBytes())) {
            return -1;
        }
        if (span != null && records > 0) {
            ByteBuffer entries = read(at + McapOpcode.RECORD_PREFIX_BYTES + 6, (int) records);
            for (int i = 0; i < records; i += 16) {
                long t = entries.getLong(i);
                span[0] = Math.min(span[0], t);
                span[1] = Math.max(span[1], t);
            }
        }
        return records / 16;
    }

    /** The summary's per-channel message counts less every other chunk's, or null when that cannot be known. */
    private Map<Integer, Long> countsFromStatistics(McapChunkIndex lost) throws IOException {
        McapStatistics statistics = summary == null ? null : summary.statistics();
        if (statistics == null || statistics.channelMessageCounts().isEmpty()) {
            return null;
        }
        Map<Integer, Long> counts = new TreeMap<>();
        for (int channelId : lost.messageIndexOffsets().keySet()) {
            long n = statistics.channelMessageCounts().getOrDefault(channelId, 0L);
            for (McapChunkIndex other : summary.chunkIndexes()) {
                Long offset = other.messageIndexOffsets().get(channelId);
                if (other == lost || offset == null) {
                    continue;
                }
                long m = messageIndexCount(offset, channelId, null);
                if (m < 0) {
                    return null;
                }
                n -= m;
            }
            if (n < 0) {
                return null;
            }
            counts.put(channelId, n);
        }
        return counts;
    }

    /** The summary's index of the chunk at {@code at}, or null. */
    private McapChunkIndex indexAt(long at) {
        if (summary == null) {
            return null;
        }
        if (indexByOffset == null) {
            indexByOffset = new java.util.HashMap<>();
            summary.chunkIndexes().forEach(i -> indexByOffset.put(i.chunkStartOffset(), i));
        }
        return indexByOffset.get(at);
    }

    private void listMessages(ByteBuffer view, int from, int end, long chunkAt) throws McapFormatException {
        pendingCount = 0;
        pendingNext = 0;
        int at = from;
        while (at < end) {
            if (end - at < McapOpcode.RECORD_PREFIX_BYTES) {
                problem(new McapFormatException(file, chunkAt, "a record prefix inside the chunk is cut off at "
                        + "uncompressed byte " + (at - from) + "; rest of the chunk skipped"), true);
                break;
            }
            int opcode = view.get(at) & 0xff;
            long length = view.getLong(at + 1);
            int content = at + McapOpcode.RECORD_PREFIX_BYTES;
            if (length < 0 || length > end - content) {
                problem(new McapFormatException(file, chunkAt, McapOpcode.name(opcode) + " record at uncompressed "
                        + "byte " + (at - from) + " claims " + Long.toUnsignedString(length) + " bytes, the chunk "
                        + "has " + (end - content) + " left; rest of the chunk skipped"), true);
                break;
            }
            int recordEnd = content + (int) length;
            cursor.reset(file, view, chunkAt, content, recordEnd, "chunked " + McapOpcode.name(opcode));
            try {
                switch (opcode) {
                    case McapOpcode.SCHEMA -> defineSchema(RecordParser.schema(cursor));
                    case McapOpcode.CHANNEL -> defineChannel(RecordParser.channel(cursor));
                    case McapOpcode.MESSAGE -> {
                        cursor.skip("header", 22);
                        addPending(view.getLong(content + 6), content, (int) length);
                    }
                    default -> {
                        // private and future records
                    }
                }
            } catch (McapFormatException e) {
                problem(e, true);
            }
            at = recordEnd;
        }
    }

    private void addPending(long logTime, int offset, int length) {
        if (pendingCount == pendingTimes.length) {
            int grown = pendingCount * 2;
            pendingTimes = Arrays.copyOf(pendingTimes, grown);
            pendingOffsets = Arrays.copyOf(pendingOffsets, grown);
            pendingLengths = Arrays.copyOf(pendingLengths, grown);
            pendingOrder = Arrays.copyOf(pendingOrder, grown);
            sortScratch = Arrays.copyOf(sortScratch, grown);
        }
        pendingTimes[pendingCount] = logTime;
        pendingOffsets[pendingCount] = offset;
        pendingLengths[pendingCount] = length;
        pendingOrder[pendingCount] = pendingCount;
        pendingCount++;
    }

    /** Stable merge sort of {@link #pendingOrder} by log time; nothing to do for a chunk already in order. */
    private void sortPending() {
        boolean sorted = true;
        for (int i = 1; i < pendingCount && sorted; i++) {
            sorted = pendingTimes[i - 1] <= pendingTimes[i];
        }
        if (sorted) {
            return;
        }
        for (int width = 1; width < pendingCount; width *= 2) {
            for (int lo = 0; lo < pendingCount; lo += 2 * width) {
                int mid = Math.min(lo + width, pendingCount);
                int hi = Math.min(lo + 2 * width, pendingCount);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    sortScratch[k++] = pendingTimes[pendingOrder[j]] < pendingTimes[pendingOrder[i]]
                            ? pendingOrder[j++] : pendingOrder[i++];
                }
                while (i < mid) {
                    sortScratch[k++] = pendingOrder[i++];
                }
                while (j < hi) {
                    sortScratch[k++] = pendingOrder[j++];
                }
            }
            int[] swap = pendingOrder;
            pendingOrder = sortScratch;
            sortScratch = swap;
        }
    }

    private void defineSchema(McapSchema schema) {
        if (schema != null) {
            schemas.putIfAbsent(schema.id(), schema);
        }
    }

    private void defineChannel(McapChannel c) {
        if (c.id() >= channels.length) {
            int grown = Math.max(c.id() + 1, channels.length * 2);
            channels = Arrays.copyOf(channels, grown);
            channelCounts = Arrays.copyOf(channelCounts, grown);
        }
        if (channels[c.id()] == null) {
            channels[c.id()] = c;
        }
    }

    // ---------------------------------------------------------------- file access

    /**
     * Sets {@link #recordOpcode}, {@link #recordLength} and {@link #recordTooLarge} from the record at {@code at}.
     * Throws when the record's prefix or content runs past the end of the file.
     */
    private void recordAt(long at, boolean mustFit) throws IOException {
        if (fileSize - at < McapOpcode.RECORD_PREFIX_BYTES) {
            throw cutShort(at, "at byte " + fileSize + ", inside the 9-byte prefix of the record that starts here ("
                    + (fileSize - at) + " bytes are there)");
        }
        prefix.clear();
        fill(prefix, at);
        int opcode = prefix.get(0) & 0xff;
        long length = prefix.getLong(1);
        long left = fileSize - at - McapOpcode.RECORD_PREFIX_BYTES;
        if (opcode == 0) {
            if (zerosToTheEnd(at)) {
                throw cutShort(at, "in " + (fileSize - at) + " zero bytes from here: its tail was never written (a "
                        + "crash or power loss leaves zeros)");
            }
            throw new McapFormatException(file, at, "opcode 0 is not a record (corrupt or misaligned data)");
        }
        if (length < 0) {
            throw new McapFormatException(file, at, McapOpcode.name(opcode) + " record claims "
                    + Long.toUnsignedString(length) + " bytes, more than any file holds (corrupt framing)");
        }
        if (length > left) {
            throw cutShort(at, "at byte " + fileSize + ", inside this " + McapOpcode.name(opcode) + " record (it "
                    + "claims " + Long.toUnsignedString(length) + " bytes, " + left + " are there)",
                    opcode == McapOpcode.CHUNK ? lostChunk(at, left) : "");
        }
        boolean tooLarge = length > config.maxRecordBytes() - McapOpcode.RECORD_PREFIX_BYTES;
        if (tooLarge && mustFit) {
            throw new McapFormatException(file, at, McapOpcode.name(opcode) + " record of " + length
                    + " bytes is larger than maxRecordBytes " + config.maxRecordBytes());
        }
        recordOpcode = opcode;
        recordLength = tooLarge ? 0 : (int) length;
        recordTooLarge = tooLarge;
    }

    /**
     * The file ends where the record at {@code at} should be: {@code where} says how, {@code lost} what is lost
     * beyond the record itself.
     */
    private McapFormatException cutShort(long at, String where) {
        return cutShort(at, where, "");
    }

    private McapFormatException cutShort(long at, String where, String lost) {
        String read = header == null ? "cut short before anything was recorded"
                : "the recording was cut short; " + scannedMessages + " messages read" + (afterDataEnd
                        ? ", all there are: the cut is after Data End, in the summary" : lost);
        return new McapFormatException(file, at, "the file ends " + where + ": truncated, " + read, true);
    }

    /** What a Chunk record cut off at {@code at} loses, from its message time range when that much is there. */
    private String lostChunk(long at, long left) throws IOException {
        if (left < 16) {
            return ", the cut chunk's messages lost";
        }
        ByteBuffer times = read(at + McapOpcode.RECORD_PREFIX_BYTES, 16);
        long start = times.getLong(0);
        long end = times.getLong(8);
        if (end < start) {
            return ", the cut chunk's messages lost";
        }
        return String.format(java.util.Locale.ROOT, ", the cut chunk's messages (%.3f s of log time from %.3f s) "
                + "lost", (end - start) / 1e9, start / 1e9);
    }

    /** Whether every byte from {@code at} to the end of the file is zero. */
    private boolean zerosToTheEnd(long at) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        for (long from = at; from < fileSize; from += block.capacity()) {
            block.clear().limit((int) Math.min(block.capacity(), fileSize - from));
            fill(block, from);
            for (int i = 0; i < block.limit(); i++) {
                if (block.get(i) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private long recordLengthAt(long at) throws IOException {
        return read(at, McapOpcode.RECORD_PREFIX_BYTES).getLong(1);
    }

    /** The whole record at {@code at} (prefix included) in the reused record buffer, from index 0. */
    private ByteBuffer readRecord(long at, int contentLength) throws IOException {
        int total = McapOpcode.RECORD_PREFIX_BYTES + contentLength;
        if (recordBuffer.capacity() < total) {
            recordBuffer = ByteBuffer.allocate(Math.max(total, Math.min(config.maxRecordBytes(),
                    recordBuffer.capacity() * 2))).order(ByteOrder.LITTLE_ENDIAN);
        }
        recordBuffer.clear().limit(total);
        fill(recordBuffer, at);
        return recordBuffer.clear();
    }

    private ByteBuffer read(long at, int length) throws IOException {
        ByteBuffer small = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        fill(small, at);
        return small.clear();
    }

    private void fill(ByteBuffer into, long at) throws IOException {
        long offset = at;
        while (into.hasRemaining()) {
            int n = channel.read(into, offset);
            if (n < 0) {
                throw new McapFormatException(file, offset, "the file ended while reading (changed under the reader?)");
            }
            offset += n;
        }
    }

    private void problem(McapFormatException e, boolean strictThrows) throws McapFormatException {
        if (config.strict() && strictThrows) {
            throw e;
        }
        problemCount++;
        if (problems.size() < KEPT_PROBLEMS) {
            problems.add(e);
        }
    }

    private static String hex(ByteBuffer bytes, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02X", bytes.get(i) & 0xff));
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
