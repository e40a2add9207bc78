package org.avfusion.drivers.recorded.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.avfusion.drivers.camera.CameraInputException;
import org.avfusion.drivers.camera.VideoFileSource;
import org.avfusion.drivers.frame.GnssFix;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.frame.SensorId;
import org.avfusion.drivers.frame.SensorKind;
import org.avfusion.drivers.gnss.source.NmeaFileSource;
import org.avfusion.drivers.gnss.source.NmeaReplayTiming;
import org.avfusion.drivers.lidar.LidarRejectReason;
import org.avfusion.drivers.lidar.LidarStats;
import org.avfusion.drivers.lidar.ScanAssemblerConfig;
import org.avfusion.drivers.lidar.pcap.PcapLidarSource;
import org.avfusion.drivers.lidar.velodyne.VelodyneDecoder;
import org.avfusion.drivers.lidar.velodyne.VelodyneModel;
import org.avfusion.drivers.pool.BufferPool;
import org.avfusion.drivers.pool.PooledPayload;
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
 * its first arrival is vehicle time 0. Without a GPRMC the hour is taken from the capture clock, with a note.
 *
 * <p>Ouster pcaps need their metadata file and are not read from drive folders yet (refused with a message).
 */
public final class DriveFolderFormat implements RecordingFormat {
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
        Path manifestFile = path.resolve(DriveManifest.FILE);
        if (!Files.isRegularFile(manifestFile)) {
            throw new RecordingFormatException(path + " is not " + expects());
        }
        DriveManifest m = DriveManifest.read(manifestFile);
        List<String> notes = new ArrayList<>();
        List<RecordedSource> parts = new ArrayList<>();
        List<SensorId> sensors = new ArrayList<>();
        List<BufferPool<?>> pools = new ArrayList<>();
        List<Runnable> closers = new ArrayList<>();
        LidarStats[] lidarStats = new LidarStats[1];
        NmeaFileSource[] nmea = new NmeaFileSource[1];
        VideoFileSource[] video = new VideoFileSource[1];
        try {
            long firstSweepUtc = Long.MIN_VALUE;
            if (m.lidar() != null) {
                Path file = existing(path, m.lidar(), "lidar");
                SensorId sensor = new SensorId(m.lidar().sensor(), SensorKind.LIDAR);
                VelodyneModel model = model(manifestFile, m.lidar().model());
                Probe probe = probe(file, model, notes);
                lidarStats[0] = new LidarStats(sensor.name());
                VelodyneDecoder decoder = new VelodyneDecoder(model, lidarStats[0]);
                ScanAssemblerConfig scans = new ScanAssemblerConfig(sensor, 0.0, decoder.maxPointsPerRevolution(),
                        Math.max(ScanAssemblerConfig.DEFAULT_POOLED_CLOUDS, request.cloudBuffers()),
                        ScanAssemblerConfig.DEFAULT_MAX_SCAN_NANOS);
                PcapLidarSource pcap = PcapLidarSource.open(file, decoder, scans, VelodyneDecoder.DATA_PORT,
                        VelodyneDecoder.POSITION_PORT, null);
                pools.add(pcap.cloudPool());
                long offset = m.lidar().clockOffsetNanos();
                pcap.stampWithSensorTime(probe.hourStartNanos);
                parts.add(new RetimedSource(pcap, -offset, probe.arrivalShiftNanos - offset));
                firstSweepUtc = probe.firstStampUtcNanos - offset;
                sensors.add(sensor);
            }
            if (m.gnss() != null) {
                Path file = existing(path, m.gnss(), "gnss");
                SensorId sensor = new SensorId(m.gnss().sensor(), SensorKind.GNSS);
                long firstFixUtc;
                try (NmeaFileSource peek = NmeaFileSource.open(file, sensor, NmeaReplayTiming.FIX_TIMES, 0)) {
                    GnssFix fix = peek.peekFix();
                    if (fix == null || fix.utcEpochMillis() == GnssFix.UNKNOWN_TIME) {
                        throw new RecordingFormatException(file + ": no fix with a UTC date and time (an RMC sentence)"
                                + ": the NMEA log cannot be placed on the drive's time");
                    }
                    firstFixUtc = fix.utcEpochMillis() * 1_000_000L;
                }
                nmea[0] = NmeaFileSource.open(file, sensor, NmeaReplayTiming.FIX_TIMES,
                        firstFixUtc - m.gnss().clockOffsetNanos());
                parts.add(nmea[0]);
                sensors.add(sensor);
            }
            if (m.camera() != null) {
                Path file = existing(path, m.camera(), "camera");
                SensorId sensor = new SensorId(m.camera().sensor(), SensorKind.CAMERA);
                long base = firstSweepUtc != Long.MIN_VALUE ? firstSweepUtc : 0;
                if (firstSweepUtc == Long.MIN_VALUE) {
                    notes.add(file + ": no lidar to start the video at: it starts at vehicle time 0");
                }
                try {
                    video[0] = VideoFileSource.open(file, sensor, base - m.camera().clockOffsetNanos(), 0,
                            Math.max(4, request.imageBuffers()));
                } catch (CameraInputException e) {
                    throw new RecordingFormatException(e.getMessage(), e);
                }
                parts.add(0, video[0]);
                pools.add(video[0].pool());
                sensors.add(sensor);
            }
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
        LidarStats lidar = lidarStats[0];
        NmeaFileSource gnss = nmea[0];
        VideoFileSource camera = video[0];
        return new OpenedRecording(name(), new MergedRecordedSource(shifted), sensors, null, RecordedSource.END,
                pools, notes, () -> skipped(lidar, gnss, camera), () -> messages(lidar, gnss, camera));
    }

    private static long skipped(LidarStats lidar, NmeaFileSource gnss, VideoFileSource camera) {
        long n = 0;
        if (lidar != null) {
            for (LidarRejectReason r : LidarRejectReason.values()) {
                n += lidar.rejected(r);
            }
        }
        if (gnss != null) {
            n += gnss.stats().rejected();
        }
        if (camera != null) {
            n += camera.stats().decodeErrors();
        }
        return n;
    }

    private static List<String> messages(LidarStats lidar, NmeaFileSource gnss, VideoFileSource camera) {
        List<String> out = new ArrayList<>();
        if (lidar != null && lidar.lastError() != null && !lidar.lastError().isEmpty()) {
            out.add(lidar.lastError());
        }
        if (gnss != null && gnss.stats().lastError() != null && !gnss.stats().lastError().isEmpty()) {
            out.add(gnss.stats().lastError());
        }
        if (camera != null && !camera.stats().lastError().isEmpty()) {
            out.add(camera.stats().lastError());
        }
        return out;
    }

    private static Path existing(Path folder, DriveManifest.Stream s, String key) throws RecordingFormatException {
        Path file = folder.resolve(s.file());
        if (!Files.isRegularFile(file)) {
            throw new RecordingFormatException(folder.resolve(DriveManifest.FILE) + ": " + key + ".file " + s.file()
                    + " not found in " + folder);
        }
        return file;
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

    /** What the start of a capture says about its time: the hour, and the host clock's offset from GPS time. */
    private record Probe(long hourStartNanos, long arrivalShiftNanos, long firstStampUtcNanos) {
    }

    /** Reads the capture up to its first sweep and its first GPRMC fix (at most 10 s of capture). */
    private static Probe probe(Path file, VelodyneModel model, List<String> notes) throws IOException {
        VelodyneDecoder decoder = new VelodyneDecoder(model, new LidarStats("probe"));
        SensorId lidar = new SensorId("probe", SensorKind.LIDAR);
        SensorId gps = new SensorId("probe_gps", SensorKind.GNSS);
        long[] sweep = null;
        long fixUtcMillis = GnssFix.UNKNOWN_TIME;
        long firstArrival = Long.MIN_VALUE;
        try (PcapLidarSource pcap = PcapLidarSource.open(file, decoder, ScanAssemblerConfig.of(lidar, 0.0,
                decoder.maxPointsPerRevolution()), VelodyneDecoder.DATA_PORT, VelodyneDecoder.POSITION_PORT, gps)) {
            pcap.stampWithSensorTime(0);
            long[][] seen = new long[1][];
            long[] fix = {GnssFix.UNKNOWN_TIME};
            while ((seen[0] == null || fix[0] == GnssFix.UNKNOWN_TIME) && pcap.nextArrivalNanos() != RecordedSource.END
                    && (firstArrival == Long.MIN_VALUE || pcap.nextArrivalNanos() - firstArrival < 10_000_000_000L)) {
                long arrival = pcap.nextArrivalNanos();
                if (firstArrival == Long.MIN_VALUE) {
                    firstArrival = arrival;
                }
                pcap.emitNext((header, payload) -> {
                    if (payload instanceof PointCloud cloud && seen[0] == null) {
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
        return new Probe(hourStart, firstEndUtc - sweep[2], hourStart + sweep[0]);
    }
}
