package org.avfusion.scenarios.hil.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.avfusion.drivers.frame.PointCloud;
import org.avfusion.drivers.lidar.velodyne.VelodyneEncoder;
import org.avfusion.drivers.lidar.velodyne.VelodyneModel;

/**
 * Cuts a simulated lidar sweep into Velodyne data packets, the way the sensor would send it: the sweep's points
 * (lidar frame: x forward, y left, z up; {@code ring} 0 = lowest beam) go into a grid of {@code columns} firing
 * azimuths (degrees clockwise from x) by the model's lasers, 12 columns a packet, packets in azimuth order from 0
 * degrees, each due at the time its first column fires ({@code sweepStart + column / columns * period}).
 *
 * <p>The simulated lidar must fire the model's lasers: {@link #beamsOf} and {@link #lowestBeamDeg}/
 * {@link #highestBeamDeg} give the settings (HDL-32E: 32 beams, -30.67 .. 10.67 degrees, evenly spaced; VLP-16:
 * 16 beams, -15 .. 15 degrees) so ring {@code r} is the laser of rank {@code r}. A column with several points of one
 * laser keeps the nearest. Not thread-safe; reuses its grid between sweeps.
 */
public final class SweepPacketizer {
    private final VelodyneEncoder encoder;
    private final VelodyneModel model;
    private final int columns;
    private final int[] laserOfRing;
    private final float[] grid;
    private final byte[] intensity;

    /** @param columns firing azimuths per revolution, a multiple of 12 */
    public SweepPacketizer(VelodyneModel model, int columns) {
        this.model = Objects.requireNonNull(model, "model");
        if (columns < 12 || columns % 12 != 0) {
            throw new IllegalArgumentException("columns must be a positive multiple of 12 (one packet holds 12): "
                    + columns);
        }
        this.encoder = new VelodyneEncoder(model);
        this.columns = columns;
        this.laserOfRing = new int[model.lasers()];
        for (int laser = 0; laser < model.lasers(); laser++) {
            laserOfRing[model.ringOf(laser)] = laser;
        }
        this.grid = new float[columns * 32];
        this.intensity = new byte[columns * 32];
    }

    public static int beamsOf(VelodyneModel model) {
        return model.lasers();
    }

    public static double lowestBeamDeg(VelodyneModel model) {
        double min = Double.MAX_VALUE;
        for (int i = 0; i < model.lasers(); i++) {
            min = Math.min(min, model.verticalDeg(i));
        }
        return min;
    }

    public static double highestBeamDeg(VelodyneModel model) {
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < model.lasers(); i++) {
            max = Math.max(max, model.verticalDeg(i));
        }
        return max;
    }

    public int packetsPerSweep() {
        return columns / 12;
    }

    /**
     * The packets of one sweep.
     *
     * @param sweepStartNanos   scenario time the sweep starts (its first column fires)
     * @param sweepPeriodNanos  one revolution
     * @param sensorStampNanos  the sensor's clock at the sweep start (vehicle time + its offset and clock faults)
     */
    public List<WireEvent> packets(PointCloud sweep, long sweepStartNanos, long sweepPeriodNanos,
            long sensorStampNanos, String sensor) {
        Arrays.fill(grid, 0f);
        for (int i = 0; i < sweep.size(); i++) {
            int ring = sweep.ring(i);
            if (ring < 0 || ring >= laserOfRing.length) {
                continue;
            }
            float x = sweep.x(i);
            float y = sweep.y(i);
            float z = sweep.z(i);
            double az = Math.toDegrees(Math.atan2(-y, x));
            if (az < 0) {
                az += 360;
            }
            int column = (int) Math.floor(az / 360 * columns + 0.5) % columns;
            int laser = laserOfRing[ring];
            int[] slots = slotsOf(laser);
            float d = (float) Math.sqrt(x * x + y * y + z * z);
            for (int m : slots) {
                int at = column * 32 + m;
                if (grid[at] == 0 || d < grid[at]) {
                    grid[at] = d;
                    intensity[at] = (byte) Math.max(1, Math.min(255, Math.round(sweep.intensity(i))));
                }
            }
        }
        int packets = packetsPerSweep();
        List<WireEvent> out = new ArrayList<>(packets);
        int[] azimuths = new int[12];
        float[] distances = new float[12 * 32];
        byte[] intensities = new byte[12 * 32];
        for (int p = 0; p < packets; p++) {
            for (int b = 0; b < 12; b++) {
                int column = p * 12 + b;
                azimuths[b] = (int) ((long) column * 36_000 / columns);
                System.arraycopy(grid, column * 32, distances, b * 32, 32);
                System.arraycopy(intensity, column * 32, intensities, b * 32, 32);
            }
            long offset = sweepPeriodNanos * p * 12 / columns;
            ByteBuffer buffer = ByteBuffer.allocate(1206);
            long micros = Math.floorMod((sensorStampNanos + offset) / 1000, 3_600_000_000L);
            encoder.encodeData(micros, azimuths, distances, intensities, buffer);
            out.add(new WireEvent(sweepStartNanos + offset, WireChannel.LIDAR_DATA, sensor, buffer.array(),
                    sweepStartNanos + offset, azimuths[0] / 100.0, azimuths[11] / 100.0));
        }
        return out;
    }

    /** The measurement slots of a block that fire {@code laser} (VLP-16 fires each laser twice per block). */
    private int[] slotsOf(int laser) {
        return model.lasers() == 32 ? new int[] {laser} : new int[] {laser, laser + 16};
    }
}
