package org.avfusion.drivers.recorded.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.drivers.camera.CameraInputException;
import org.avfusion.drivers.camera.VideoFileSource;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.gnss.source.GnssRejectReason;
import org.avfusion.drivers.gnss.source.NmeaFileSource;
import org.avfusion.drivers.gnss.source.NmeaReplayTiming;
import org.avfusion.drivers.lidar.LidarRejectReason;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.ScanAssemblerConfig;
import org.avfusion.drivers.lidar.pcap.PcapLidarSource;
import org.avfusion.drivers.lidar.pcap.PcapReader;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.drivers.lidar.velodyne.VelodyneModel;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.pool.PooledPayload;
import org.avfusion.drivers.recorded.RecordedHealth;
import org.avfusion.drivers.recorded.RejectReason;
import org.avfusion.drivers.source.MergedRecordedSource;
import org.avfusion.drivers.source.RecordedSource;
import org.avfusion.drivers.source.RetimedSource;

/**
 * A drive folder: the files a test vehicle's loggers leave (a Velodyne pcap, an NMEA log, a video file) named by a
 * {@link DriveManifest} ({@code drive.yaml}) with their clock offsets, replayed together on the lidar's own GPS time.
 *
 * <p><b>Time.</b> Velodyne data packets stamp their points in microseconds past the hour of the sensor's GPS-disciplined
 * clock; the hour comes from the first GPRMC of the position packets (the hour that puts the first sweep nearest that
 * fix), so sweeps are stamped in UTC by the lidar itself ({@link PcapLidarSource#stampWithSensorTime}), not by the
 * capture host. Sweeps arrive on the capture host's clock moved onto GPS time (the first sweep
 * arrives as its last point is measured). NMEA fixes arrive at their own UTC times, the video's first frame at the
 * first sweep's stamp. Each stream's {@code clockOffsetMillis} is subtracted, and the whole drive is moved so that
 * its first arrival is vehicle time 0. Without a GPRMC the hour is taken from the capture clock, with a note. Without
 * a lidar the video starts at the NMEA log's first fix (or at vehicle time 0 when there is no log either).
 *
 * <p><b>Streams that do not meet.</b> At open, each stream's span on GPS time (after its {@code clockOffsetMillis})
 * is measured: the lidar's from its first sweep to its last data packet (the capture is read through once, without
 * decoding), the NMEA log's from its first fix to its last (the log is read once), the video's from its first frame for
 * the length its container declares (its first frame alone when it does not say). Two streams whose spans do not
 * overlap are refused ({@link RecordingFormatException}: exit 2), naming each stream's file, first and last stamp in
 * UTC, the gap and the {@code clockOffsetMillis} that would put the later stream's start on the earlier's; a gap
 * longer than a rig's clock offset may be ({@link #MAX_CLOCK_OFFSET_NANOS}) asks whether they are one drive's, and
 * one no offset drive.yaml allows can bridge says they are not. Replaying them would step through the whole gap
 * (years, for a log of another year) with fail-safe decisions and nothing to fuse. Streams that overlap in part are
 * replayed whole, their union (nothing is cut: a lead-in of fixes before the first sweep is still ego motion), and
 * when more than {@link #ALONE_NOTE_NANOS} of it has a stream missing a note says how long before the last stream
 * starts and after the first one ends.
 *
 * <p><b>Skipped input</b> (a packet or record the lidar driver rejects, an NMEA line that is not a valid sentence or
 * a fix stamped before the one before it, a video frame that does not decode) is counted in one
 * {@link RecordedHealth} with a message for each, naming the file and the byte offset, line or frame.
 *
 * <p>Ouster pcaps need their metadata file and are not read from drive folders yet (refused with a message).
 */
public final class DriveFolderFormat implements RecordingFormat {
    /** The most two streams may be apart and still be one drive's: a rig's largest clock offset, one hour. */
    static final long MAX_CLOCK_OFFSET_NANOS = 3_600_000_000_000L;

    /** How much of the replay may have a stream missing at its start and end before a note says so: 1 s. */
    static final long ALONE_NOTE_NANOS = 1_000_000_000L;

    @Override
    public String name() {
        return "drive";
    }

    @Override
    public String expects() {
        return "a drive folder with a " + DriveManifest.FILE + " naming a Velodyne pcap, an NMEA log and/or a video "
                + "file with their clock offsets";
    }

    @Override
    public boolean recognizes(Path path) {
        return Files.isRegularFile(path.resolve(DriveManifest.FILE));
    }

    @Override
    public RecordingSource open(Path path, RecordingRequest request) throws RecordingFormatException {
        RecordingPaths.requireFolderIfExists(path, expects());
        Path manifestFile = path.resolve(DriveManifest.FILE);
        if (!Files.isRegularFile(manifestFile)) {
            throw new RecordingFormatException(path + " is not " + expects());
        }
        DriveManifest m = DriveManifest.read(manifestFile);
        RecordedHealth health = new RecordedHealth(path.toString());
        List<String> notes = new ArrayList<>();
        List<RecordedSource> parts = new ArrayList<>();
        List<SensorId> sensors = new ArrayList<>();
        List<BufferPool<?>> pools = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        try {
            long firstSweepUtc = Long.MIN_VALUE;
            if (m.lidar() != null) {
                Path file = existing(path, m.lidar(), "lidar");
                SensorId sensor = new SensorId(m.lidar().sensor(), SensorKind.LIDAR);
                VelodyneModel model = model(manifestFile, m.lidar().model());
                Probe probe = probe(file, model, notes);
                LidarStats stats = new LidarStats(sensor.name());
                stats.onReject((reason, message) -> health.reject(rejectReason(reason), message));
                VelodyneDecoder decoder = new VelodyneDecoder(model, stats);
                ScanAssemblerConfig scans = new ScanAssemblerConfig(sensor, 0.0,
                        sweepCapacity(decoder.maxPointsPerRevolution(), probe.wholeSweepSpanNanos),
                        Math.max(ScanAssemblerConfig.DEFAULT_POOLED_CLOUDS, request.cloudBuffers()),
                        ScanAssemblerConfig.DEFAULT_MAX_SCAN_NANOS);
                PcapLidarSource pcap = PcapLidarSource.open(file, decoder, scans, VelodyneDecoder.DATA_PORT,
                        VelodyneDecoder.POSITION_PORT, null);
                pools.add(pcap.cloudPool());
                long offset = m.lidar().clockOffsetNanos();
                pcap.stampWithSensorTime(probe.hourStartNanos);
                parts.add(new RetimedSource(pcap, -offset, probe.arrivalShiftNanos - offset));
                firstSweepUtc = probe.firstStampUtcNanos - offset;
                long lastPacket = lastDataPacketNanos(file);
                spans.add(new Span("lidar", file, m.lidar().clockOffsetMillis(), firstSweepUtc,
                        lastPacket == Long.MIN_VALUE ? firstSweepUtc
                                : Math.max(firstSweepUtc, lastPacket + probe.arrivalShiftNanos - offset)));
                sensors.add(sensor);
            }
            long firstFixUtc = Long.MIN_VALUE;
            if (m.gnss() != null) {
                Path file = existing(path, m.gnss(), "gnss");
                SensorId sensor = new SensorId(m.gnss().sensor(), SensorKind.GNSS);
                try (NmeaFileSource peek = NmeaFileSource.open(file, sensor, NmeaReplayTiming.FIX_TIMES, 0)) {
                    GnssFix fix = peek.peekFix();
                    if (fix == null || fix.utcEpochMillis() == GnssFix.UNKNOWN_TIME) {
                        throw new RecordingFormatException(file + ": no fix with a UTC date and time (an RMC sentence)"
                                + ": the NMEA log cannot be placed on the drive's time");
                    }
                    firstFixUtc = fix.utcEpochMillis() * 1_000_000L - m.gnss().clockOffsetNanos();
                }
                NmeaFileSource nmea = NmeaFileSource.open(file, sensor, NmeaReplayTiming.FIX_TIMES, firstFixUtc);
                nmea.onReject((reason, message) -> health.reject(reason == GnssRejectReason.IMPOSSIBLE_VALUE
                        || reason == GnssRejectReason.OUT_OF_ORDER ? RejectReason.IMPOSSIBLE_VALUE
                        : RejectReason.MALFORMED, message));
                parts.add(nmea);
                spans.add(new Span("gnss", file, m.gnss().clockOffsetMillis(), firstFixUtc,
                        lastArrivalNanos(file, sensor, firstFixUtc)));
                sensors.add(sensor);
            }
            if (m.camera() != null) {
                Path file = existing(path, m.camera(), "camera");
                SensorId sensor = new SensorId(m.camera().sensor(), SensorKind.CAMERA);
                long base = firstSweepUtc != Long.MIN_VALUE ? firstSweepUtc
                        : firstFixUtc != Long.MIN_VALUE ? firstFixUtc : 0;
                if (firstSweepUtc == Long.MIN_VALUE) {
                    notes.add(file + ": no lidar to start the video at: it starts " + (firstFixUtc != Long.MIN_VALUE
                            ? "with the NMEA log's first fix" : "at vehicle time 0"));
                }
                VideoFileSource video;
                try {
                    video = VideoFileSource.open(file, sensor, base - m.camera().clockOffsetNanos(), 0,
                            Math.max(4, request.imageBuffers()));
                } catch (CameraInputException e) {
                    throw new RecordingFormatException(e.getMessage(), e);
                }
                video.onDecodeError(message -> health.reject(RejectReason.UNREADABLE_FILE, message));
                parts.add(0, video);
                pools.add(video.pool());
                long first = base - m.camera().clockOffsetNanos();
                long length = video.declaredDurationNanos();
                spans.add(new Span("camera", file, m.camera().clockOffsetMillis(), first,
                        length > 0 ? first + length : first));
                sensors.add(sensor);
            }
            checkOverlap(path, manifestFile, spans, notes);
        } catch (IOException e) {
            parts.forEach(RecordedSource::close);
            throw new RecordingFormatException(path + ": " + e.getMessage(), e);
        } catch (RecordingFormatException | RuntimeException e) {
            parts.forEach(RecordedSource::close);
            throw e;
        }
        long origin = Long.MAX_VALUE;
        for (RecordedSource p : parts) {
            origin = Math.min(origin, p.nextArrivalNanos());
        }
        if (origin == RecordedSource.END) {
            parts.forEach(RecordedSource::close);
            throw new RecordingFormatException(path + ": the drive's files hold no frame");
        }
        List<RecordedSource> shifted = new ArrayList<>();
        for (RecordedSource p : parts) {
            shifted.add(new RetimedSource(p, -origin, -origin));
        }
        if (sensors.stream().noneMatch(s -> s.kind() == SensorKind.GNSS || s.kind() == SensorKind.IMU)) {
            notes.add(path + ": no NMEA log: the recording has no ego motion");
        }
        notes.add(String.format(Locale.ROOT, "%s: vehicle time 0 is %d ns UTC (the first arrival)", path, origin));
        return new OpenedRecording(name(), new MergedRecordedSource(shifted), sensors, null, RecordedSource.END,
                pools, notes, List.of(health));
    }

    /** Where a lidar driver's rejection counts among a recording's skips. */
    static RejectReason rejectReason(LidarRejectReason reason) {
        return switch (reason) {
            case PCAP_BAD_MAGIC -> RejectReason.UNREADABLE_FILE;
            case PCAP_UNSUPPORTED_LINK, IPV4_FRAGMENT, UNKNOWN_PRODUCT, PRODUCT_MISMATCH -> RejectReason.UNSUPPORTED;
            case BAD_AZIMUTH, BAD_TIMESTAMP, BAD_COLUMN -> RejectReason.IMPOSSIBLE_VALUE;
            case SCAN_OVERFLOW -> RejectReason.TOO_LARGE;
            case NO_BUFFER -> RejectReason.POOL_EXHAUSTED;
            default -> RejectReason.MALFORMED;
        };
    }

    /** One stream's first and last stamp on GPS time, ns since the Unix epoch, for the overlap check. */
    private record Span(String key, Path file, double offsetMillis, long firstNanos, long lastNanos) {
        String describe() {
            return key + " " + file + ": " + utc(firstNanos) + " to " + utc(lastNanos);
        }
    }

    /**
     * Refuses streams that do not overlap; notes how much of a partial overlap has a stream missing.
     *
     * @throws RecordingFormatException naming every stream's span and each pair's gap
     */
    private static void checkOverlap(Path folder, Path manifest, List<Span> spans, List<String> notes)
            throws RecordingFormatException {
        if (spans.size() < 2) {
            return;
        }
        List<String> gaps = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            for (int j = i + 1; j < spans.size(); j++) {
                Span a = spans.get(i);
                Span b = spans.get(j);
                Span earlier = a.firstNanos <= b.firstNanos ? a : b;
                Span later = earlier == a ? b : a;
                long gap = later.firstNanos - earlier.lastNanos;
                if (gap > 0) {
                    gaps.add(gapLine(earlier, later, gap));
                }
            }
        }
        if (!gaps.isEmpty()) {
            StringBuilder message = new StringBuilder(manifest + ": the streams' times do not overlap, so a replay "
                    + "would have nothing to fuse (spans on GPS time, after each clockOffsetMillis):");
            spans.forEach(s -> message.append(System.lineSeparator()).append("  ").append(s.describe()));
            gaps.forEach(g -> message.append(System.lineSeparator()).append("  ").append(g));
            throw new RecordingFormatException(message.toString());
        }
        long unionFirst = Long.MAX_VALUE;
        long unionLast = Long.MIN_VALUE;
        Span startsLast = spans.get(0);
        Span endsFirst = spans.get(0);
        for (Span s : spans) {
            unionFirst = Math.min(unionFirst, s.firstNanos);
            unionLast = Math.max(unionLast, s.lastNanos);
            startsLast = s.firstNanos > startsLast.firstNanos ? s : startsLast;
            endsFirst = s.lastNanos < endsFirst.lastNanos ? s : endsFirst;
        }
        long before = startsLast.firstNanos - unionFirst;
        long after = unionLast - endsFirst.lastNanos;
        if (before + after > ALONE_NOTE_NANOS) {
            List<String> alone = new ArrayList<>();
            if (before >= 1_000_000) {
                alone.add("the " + duration(before) + " before " + startsLast.key + " "
                        + startsLast.file.getFileName() + " starts");
            }
            if (after >= 1_000_000) {
                alone.add("the " + duration(after) + " after " + endsFirst.key + " " + endsFirst.file.getFileName()
                        + " ends");
            }
            notes.add(folder + ": the streams overlap for " + duration(endsFirst.lastNanos - startsLast.firstNanos)
                    + " (" + utc(startsLast.firstNanos) + " to " + utc(endsFirst.lastNanos) + ") of the "
                    + duration(unionLast - unionFirst) + " replayed; a stream is missing from " + String.join(" and ",
                    alone) + " (every file is replayed whole)");
        }
    }

    /**
     * The gap between two streams in words, with the {@code clockOffsetMillis} that would put the later one's start
     * on the earlier one's where drive.yaml allows it.
     */
    private static String gapLine(Span earlier, Span later, long gapNanos) {
        String line = later.key + " starts " + duration(gapNanos) + " after " + earlier.key + " ends";
        double offsetMillis = later.offsetMillis + (later.firstNanos - earlier.firstNanos) / 1e6;
        if (Math.abs(offsetMillis) > DriveManifest.MAX_CLOCK_OFFSET_MILLIS) {
            return line + ": no clock offset bridges that (drive.yaml allows one day either way), so the files are "
                    + "not from the same drive: name one drive's files in drive.yaml";
        }
        String fix = later.key + ".clockOffsetMillis: " + String.format(Locale.ROOT, "%.0f", offsetMillis)
                + " in drive.yaml (the file's clock minus GPS time) puts " + later.file.getFileName()
                + "'s start on " + earlier.file.getFileName() + "'s";
        if (gapNanos > MAX_CLOCK_OFFSET_NANOS) {
            return line + ": further apart than a rig's clock offset may be (1 h), so are they from the same drive? "
                    + "If " + later.file.getFileName() + "'s clock was set wrong (a time zone), " + fix;
        }
        return line + "; if " + later.file.getFileName() + "'s clock was off, " + fix;
    }

    private static String utc(long epochNanos) {
        return Instant.ofEpochMilli(Math.floorDiv(epochNanos, 1_000_000L)).toString();
    }

    /** {@code 12.345 s}, with hours or days added when that long. */
    private static String duration(long nanos) {
        double seconds = nanos / 1e9;
        String text = String.format(Locale.ROOT, "%.3f s", seconds);
        if (seconds >= 2 * 86_400) {
            return text + String.format(Locale.ROOT, " (%.1f days)", seconds / 86_400);
        }
        return seconds >= 3_600 ? text + String.format(Locale.ROOT, " (%.1f h)", seconds / 3_600) : text;
    }

    /** The capture time of the last lidar data packet (host clock), or MIN_VALUE when there is none. */
    private static long lastDataPacketNanos(Path file) throws IOException {
        long last = Long.MIN_VALUE;
        try (PcapReader reader = PcapReader.open(file, new LidarStats("span"))) {
            while (reader.next()) {
                if (reader.destinationPort() == VelodyneDecoder.DATA_PORT) {
                    last = reader.timestampNanos();
                }
            }
        }
        return last;
    }

    /** When the last fix of an NMEA log replayed from {@code startNanos} arrives (reads the whole log). */
    private static long lastArrivalNanos(Path file, SensorId sensor, long startNanos) throws IOException {
        long last = startNanos;
        try (NmeaFileSource scan = NmeaFileSource.open(file, sensor, NmeaReplayTiming.FIX_TIMES, startNanos)) {
            for (long arrival = scan.nextArrivalNanos(); arrival != RecordedSource.END;
                    arrival = scan.nextArrivalNanos()) {
                last = arrival;
                scan.emitNext((header, payload) -> true);
            }
        }
        return last;
    }

    /**
     * The stream's file, refused when it is missing, a folder, or empty (0 bytes: a logger that never wrote, which
     * would otherwise read as a capture without a sweep or fix); the message names {@code drive.yaml}, the key and
     * the file.
     */
    private static Path existing(Path folder, DriveManifest.Stream s, String key) throws RecordingFormatException {
        Path file = folder.resolve(s.file());
        String at = folder.resolve(DriveManifest.FILE) + ": " + key + ".file " + s.file();
        if (Files.isDirectory(file)) {
            throw new RecordingFormatException(at + " is a folder, not a file (" + file + "); name the "
                    + noun(key) + " file, relative to " + folder);
        }
        if (!Files.isRegularFile(file)) {
            throw new RecordingFormatException(at + " not found in " + folder);
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new RecordingFormatException(at + ": cannot read: " + e.getMessage(), e);
        }
        if (bytes == 0) {
            throw new RecordingFormatException(at + " is empty (0 bytes): " + file + " holds no " + noun(key)
                    + " data; name a file the logger wrote, or leave " + key + " out");
        }
        return file;
    }

    /** What the stream's file holds, for messages. */
    private static String noun(String key) {
        return switch (key) {
            case "lidar" -> "Velodyne pcap";
            case "gnss" -> "NMEA log";
            default -> "video";
        };
    }

    private static VelodyneModel model(Path manifest, String name) throws RecordingFormatException {
        if (name == null) {
            throw new RecordingFormatException(manifest + ": lidar.model missing: VLP16 or HDL32");
        }
        try {
            return VelodyneModel.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RecordingFormatException(manifest + ": lidar.model '" + name + "' is not VLP16 or HDL32 (Ouster "
                    + "pcaps are not read from drive folders yet)");
        }
    }

    /**
     * What the start of a capture says about its time: the hour, the host clock's offset from GPS time, and how long
     * a whole sweep took (the longest of the three after the first, which may start mid-revolution), or 0 when the
     * capture has no second sweep in its first 10 s.
     */
    private record Probe(long hourStartNanos, long arrivalShiftNanos, long firstStampUtcNanos,
                         long wholeSweepSpanNanos) {
    }

    /** The rotation {@link VelodyneDecoder#maxPointsPerRevolution()} allows for: 5 Hz. */
    private static final long SLOWEST_REVOLUTION_NANOS = 200_000_000L;

    /**
     * Points a pooled sweep of the capture holds: the model's most (dual returns at 5 Hz, an HDL-32E's 278,000, 6 MB
     * a cloud) scaled to the revolution the probe saw, a quarter more for a slower one; dual returns are still
     * allowed for. A 10 Hz capture's clouds hold 174,000 points. A revolution slower than that by more than a quarter
     * loses the points past the capacity, counted in the lidar's stats; a capture whose sweep was not seen keeps
     * the model's most.
     */
    static int sweepCapacity(int modelMostPoints, long wholeSweepSpanNanos) {
        if (wholeSweepSpanNanos <= 0 || wholeSweepSpanNanos >= SLOWEST_REVOLUTION_NANOS) {
            return modelMostPoints;
        }
        double fraction = Math.min(1.0, 1.25 * wholeSweepSpanNanos / SLOWEST_REVOLUTION_NANOS);
        return (int) Math.ceil(modelMostPoints * fraction);
    }

    /** Whole sweeps (after the first, which may start mid-revolution) whose longest span sizes the clouds. */
    private static final int WHOLE_SWEEPS_PROBED = 3;

    /** Reads the capture up to its fourth sweep and its first GPRMC fix (at most 10 s of capture). */
    private static Probe probe(Path file, VelodyneModel model, List<String> notes) throws IOException {
        VelodyneDecoder decoder = new VelodyneDecoder(model, new LidarStats("probe"));
        SensorId lidar = new SensorId("probe", SensorKind.LIDAR);
        SensorId gps = new SensorId("probe_gps", SensorKind.GNSS);
        long[] sweep = null;
        long[] wholeSpan = {0};
        int[] wholeSweeps = {0};
        long fixUtcMillis = GnssFix.UNKNOWN_TIME;
        long firstArrival = Long.MIN_VALUE;
        try (PcapLidarSource pcap = PcapLidarSource.open(file, decoder, ScanAssemblerConfig.of(lidar, 0.0,
                decoder.maxPointsPerRevolution()), VelodyneDecoder.DATA_PORT, VelodyneDecoder.POSITION_PORT, gps)) {
            pcap.stampWithSensorTime(0);
            long[][] seen = new long[1][];
            long[] fix = {GnssFix.UNKNOWN_TIME};
            while ((wholeSweeps[0] < WHOLE_SWEEPS_PROBED || fix[0] == GnssFix.UNKNOWN_TIME)
                    && pcap.nextArrivalNanos() != RecordedSource.END
                    && (firstArrival == Long.MIN_VALUE || pcap.nextArrivalNanos() - firstArrival < 10_000_000_000L)) {
                long arrival = pcap.nextArrivalNanos();
                if (firstArrival == Long.MIN_VALUE) {
                    firstArrival = arrival;
                }
                pcap.emitNext((header, payload) -> {
                    if (payload instanceof PointCloud cloud && seen[0] != null) {
                        // the longest of the next sweeps: one cut short by a gap in the capture does not set it
                        wholeSpan[0] = Math.max(wholeSpan[0], Math.max(1, cloud.maxTimeOffsetNanos()));
                        wholeSweeps[0]++;
                    } else if (payload instanceof PointCloud cloud && seen[0] == null) {
                        int last = 0;
                        for (int i = 0; i < cloud.size(); i++) {
                            last = Math.max(last, cloud.timeOffsetNanos(i));
                        }
                        seen[0] = new long[] {header.stampNanos(), header.stampNanos() + last, arrival};
                    } else if (payload instanceof GnssFix f && fix[0] == GnssFix.UNKNOWN_TIME) {
                        fix[0] = f.utcEpochMillis();
                    }
                    if (payload instanceof PooledPayload pooled) {
                        pooled.release();
                    }
                    return true;
                });
            }
            sweep = seen[0];
            fixUtcMillis = fix[0];
        }
        if (sweep == null) {
            throw new IOException(file + ": no complete sweep in the first 10 s of the capture");
        }
        long hour = 3_600_000_000_000L;
        long hourStart;
        if (fixUtcMillis != GnssFix.UNKNOWN_TIME) {
            long fixNanos = fixUtcMillis * 1_000_000L;
            // sweep[0] is the sensor's time (past the hour, unwrapped): the hour is the one nearest the fix
            long h = Math.floorDiv(fixNanos, hour) * hour - Math.floorDiv(sweep[0], hour) * hour;
            hourStart = h;
            for (long candidate : new long[] {h - hour, h + hour}) {
                if (Math.abs(candidate + sweep[0] - fixNanos) < Math.abs(hourStart + sweep[0] - fixNanos)) {
                    hourStart = candidate;
                }
            }
        } else {
            hourStart = Math.floorDiv(sweep[2], hour) * hour - Math.floorDiv(sweep[0], hour) * hour;
            notes.add(file + ": no GPRMC in the position packets: the hour of the lidar's time is the capture "
                    + "clock's");
        }
        long firstEndUtc = hourStart + sweep[1];
        return new Probe(hourStart, firstEndUtc - sweep[2], hourStart + sweep[0], wholeSpan[0]);
    }
}
